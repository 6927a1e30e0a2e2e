//! Parquet tables (`scan --output-format parquet`): the CSV rows a table
//! is rendered as, converted column by column to the types that
//! [`schema::column_types`] declares for it, and written in row groups as
//! they come ([`ParquetWriter`]); and Parquet tables read back as CSV rows
//! ([`ParquetCsv`], for `merge`).
//!
//! Files are written with the `parquet` crate's Arrow writer: Zstd
//! (level 3) compressed, in row groups of at most [`ROW_GROUP_ROWS`] rows
//! or about [`ROW_GROUP_BYTES`] encoded bytes, from batches of exactly
//! [`BATCH_ROWS`] rows (the last one shorter). Batches and row groups
//! depend only on the rows, never on how they arrived (threads, blocks),
//! and the file holds no time stamp, so a table is the same bytes for the
//! same rows. Its metadata says `created_by: parquet-rs version 59.3.2`
//! (the crate's version) and holds the Arrow schema (`ARROW:schema`).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, UInt64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::basic::{Compression, Encoding, ZstdLevel};
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;

use crate::error::Error;
use crate::output::schema::{self, ColumnType};
use crate::output::{AtomicFile, csv_memory_writer};

/// Rows per Arrow batch handed to the Parquet writer.
pub const BATCH_ROWS: usize = 8192;
/// Most rows in one row group.
pub const ROW_GROUP_ROWS: usize = 128 * 1024;
/// A row group is closed once its encoded size reaches about this many
/// bytes: what the writer holds in memory.
pub const ROW_GROUP_BYTES: usize = 32 << 20;
/// The Zstd level: 3 (Zstd's default). Level 1 took about 10% less CPU
/// time on the 100 MB benchmark corpus with `--sentences all` but wrote a
/// `sentences.parquet` 13% larger (48.3 MB against 42.5 MB).
pub const ZSTD_LEVEL: i32 = 3;

/// The Arrow type a [`ColumnType`] is stored as, and whether it may be null.
pub fn arrow_type(t: ColumnType) -> (DataType, bool) {
    match t {
        ColumnType::Text => (DataType::Utf8, false),
        ColumnType::OptionalText => (DataType::Utf8, true),
        ColumnType::Integer => (DataType::Int64, false),
        ColumnType::Float => (DataType::Float64, false),
        ColumnType::OptionalFloat => (DataType::Float64, true),
        ColumnType::Flag => (DataType::Boolean, false),
    }
}

/// The Arrow schema of a table with these column names and types.
pub fn arrow_schema(names: &[String], types: &[ColumnType]) -> SchemaRef {
    let fields: Vec<Field> = names
        .iter()
        .zip(types)
        .map(|(n, &t)| {
            let (ty, nullable) = arrow_type(t);
            Field::new(n, ty, nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// One column's values of the batch being built.
enum Builder {
    Text(StringBuilder),
    OptionalText(StringBuilder),
    Integer(Int64Builder),
    Float(Float64Builder),
    OptionalFloat(Float64Builder),
    Flag(BooleanBuilder),
}

impl Builder {
    fn new(t: ColumnType) -> Builder {
        match t {
            ColumnType::Text => Builder::Text(StringBuilder::new()),
            ColumnType::OptionalText => Builder::OptionalText(StringBuilder::new()),
            ColumnType::Integer => Builder::Integer(Int64Builder::with_capacity(BATCH_ROWS)),
            ColumnType::Float => Builder::Float(Float64Builder::with_capacity(BATCH_ROWS)),
            ColumnType::OptionalFloat => Builder::OptionalFloat(Float64Builder::with_capacity(BATCH_ROWS)),
            ColumnType::Flag => Builder::Flag(BooleanBuilder::with_capacity(BATCH_ROWS)),
        }
    }

    /// Appends a CSV cell; `Err` names the type it is not.
    fn push(&mut self, cell: &[u8]) -> Result<(), &'static str> {
        let text = std::str::from_utf8(cell).map_err(|_| "UTF-8 text")?;
        match self {
            Builder::Text(b) => b.append_value(text),
            Builder::OptionalText(b) if text.is_empty() => b.append_null(),
            Builder::OptionalText(b) => b.append_value(text),
            Builder::Integer(b) => b.append_value(text.parse().map_err(|_| "whole number")?),
            Builder::Float(b) => b.append_value(text.parse().map_err(|_| "number")?),
            Builder::OptionalFloat(b) if text.is_empty() => b.append_null(),
            Builder::OptionalFloat(b) => b.append_value(text.parse().map_err(|_| "number")?),
            Builder::Flag(b) => b.append_value(match text {
                "true" => true,
                "false" => false,
                _ => return Err("true or false"),
            }),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) | Builder::OptionalText(b) => Arc::new(b.finish()),
            Builder::Integer(b) => Arc::new(b.finish()),
            Builder::Float(b) | Builder::OptionalFloat(b) => Arc::new(b.finish()),
            Builder::Flag(b) => Arc::new(b.finish()),
        }
    }
}

/// The columns of a table once its header is known.
struct Columns {
    names: Vec<String>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
    writer: ArrowWriter<AtomicFile>,
}

/// A Parquet table written from the CSV bytes of its rows: the first
/// record is the header (its names give the columns, typed by
/// [`schema::column_types`]), then rows, which may arrive cut anywhere
/// (a record split between two writes is joined). Rows are converted in
/// batches of [`BATCH_ROWS`] and written to row groups as they fill, so
/// memory holds at most one row group, never the table.
pub struct ParquetWriter {
    /// The table's CSV name (which declares its types).
    table: &'static str,
    /// The Parquet file, until the header has come.
    file: Option<AtomicFile>,
    /// Its final path, for messages.
    path: PathBuf,
    columns: Option<Columns>,
    parser: csv_core::Reader,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    /// Records converted (the header included), for messages.
    records: u64,
}

impl std::fmt::Debug for ParquetWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter").field("path", &self.path).field("records", &self.records).finish()
    }
}

/// A Parquet error of the file `path`.
fn parquet_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}

impl ParquetWriter {
    /// A writer of the table `table` (its CSV name, e.g.
    /// [`schema::SENTENCES`]) into `file` (created as `NAME.parquet`).
    pub fn new(table: &'static str, file: AtomicFile) -> ParquetWriter {
        ParquetWriter {
            table,
            path: file.path().to_path_buf(),
            file: Some(file),
            columns: None,
            parser: csv_core::ReaderBuilder::new().build(),
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            records: 0,
        }
    }

    /// Takes CSV bytes (header first, then rows; RFC 4180, as
    /// [`crate::output::csv_bytes`] writes them).
    ///
    /// # Errors
    /// A header that is not a table's, a cell that is not of its column's
    /// type, a row of another length than the header (rolecall's own
    /// rows never are), or a failed write.
    pub fn write(&mut self, mut input: &[u8]) -> Result<(), Error> {
        while !input.is_empty() {
            if self.step(&mut input)? {
                self.record()?;
            }
        }
        Ok(())
    }

    /// Parses from `input` (empty: the end); true when a record is complete.
    fn step(&mut self, input: &mut &[u8]) -> Result<bool, Error> {
        use csv_core::ReadRecordResult as R;
        let (res, nin, nout, nend) =
            self.parser.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
        *input = &input[nin..];
        self.out_len += nout;
        self.ends_len += nend;
        match res {
            R::InputEmpty | R::End => Ok(false),
            R::OutputFull => {
                self.out.resize(self.out.len() * 2, 0);
                Ok(false)
            }
            R::OutputEndsFull => {
                self.ends.resize(self.ends.len() * 2, 0);
                Ok(false)
            }
            R::Record => Ok(true),
        }
    }

    /// Converts the record just parsed.
    fn record(&mut self) -> Result<(), Error> {
        let ends = &self.ends[..self.ends_len];
        let cell = |i: usize| &self.out[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
        self.records += 1;
        match &mut self.columns {
            None => {
                let names: Vec<String> =
                    (0..ends.len()).map(|i| String::from_utf8_lossy(cell(i)).into_owned()).collect();
                let types = schema::column_types(self.table, &names).ok_or_else(|| {
                    Error::Invalid(format!(
                        "{}: {} is not a table rolecall writes",
                        self.path.display(),
                        self.table
                    ))
                })?;
                let schema = arrow_schema(&names, &types);
                let mut props = WriterProperties::builder()
                    .set_compression(Compression::ZSTD(
                        ZstdLevel::try_new(ZSTD_LEVEL).expect("a level Zstd has"),
                    ))
                    .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
                    .set_max_row_group_bytes(Some(ROW_GROUP_BYTES));
                // Integers delta-encoded, not in a dictionary: spans and
                // unit numbers grow row by row, and in a large document
                // nearly every value is new (sentences.parquet of the
                // 10-file benchmark corpus: 40.2 MB so, 47.6 in dictionaries).
                for (n, t) in names.iter().zip(&types) {
                    if *t == ColumnType::Integer {
                        let col = ColumnPath::from(n.as_str());
                        props = props
                            .set_column_dictionary_enabled(col.clone(), false)
                            .set_column_encoding(col, Encoding::DELTA_BINARY_PACKED);
                    }
                }
                let props = props.build();
                let file = self.file.take().expect("the file until the header");
                let writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props))
                    .map_err(|e| parquet_error(&self.path, e))?;
                let builders = types.iter().map(|&t| Builder::new(t)).collect();
                self.columns = Some(Columns { names, schema, builders, rows: 0, writer });
            }
            Some(c) => {
                if ends.len() != c.builders.len() {
                    return Err(Error::Invalid(format!(
                        "{}: row {} has {} fields, the header {}",
                        self.path.display(),
                        self.records - 1,
                        ends.len(),
                        c.builders.len()
                    )));
                }
                for (i, b) in c.builders.iter_mut().enumerate() {
                    b.push(cell(i)).map_err(|what| {
                        Error::Invalid(format!(
                            "{}: row {}, column {}: {:?} is not a {what}",
                            self.path.display(),
                            self.records - 1,
                            c.names[i],
                            String::from_utf8_lossy(cell(i))
                        ))
                    })?;
                }
                c.rows += 1;
                if c.rows == BATCH_ROWS {
                    Self::flush_batch(c, &self.path)?;
                }
            }
        }
        self.out_len = 0;
        self.ends_len = 0;
        Ok(())
    }

    fn flush_batch(c: &mut Columns, path: &Path) -> Result<(), Error> {
        if c.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = c.builders.iter_mut().map(Builder::finish).collect();
        let batch =
            RecordBatch::try_new(Arc::clone(&c.schema), arrays).map_err(|e| parquet_error(path, e))?;
        c.rows = 0;
        c.writer.write(&batch).map_err(|e| parquet_error(path, e))
    }

    /// Writes the last rows and the footer; the file, ready to commit.
    ///
    /// # Errors
    /// No header was written, the last record is cut short, or a write failed.
    pub fn finish(mut self) -> Result<AtomicFile, Error> {
        let mut end: &[u8] = &[];
        if self.step(&mut end)? {
            self.record()?;
        }
        let path = self.path.clone();
        let Some(mut c) = self.columns.take() else {
            return Err(Error::Invalid(format!("{}: no header was written", path.display())));
        };
        Self::flush_batch(&mut c, &path)?;
        c.writer.into_inner().map_err(|e| parquet_error(&path, e))
    }
}

/// A Parquet table read back as CSV bytes (header, then rows; CRLF line
/// ends), as the CSV output of the same table would read: integers and
/// flags as written, floats in their shortest exact form (`0.6` for a
/// share the CSV shows as `0.600000`), null as an empty cell. Rows are
/// rendered a batch at a time, so memory holds one batch.
pub struct ParquetCsv {
    path: PathBuf,
    batches: ParquetRecordBatchReader,
    names: Option<Vec<String>>,
    buf: Vec<u8>,
    pos: usize,
}

impl ParquetCsv {
    /// Opens the Parquet file `path`.
    ///
    /// # Errors
    /// The file cannot be read or is not Parquet.
    pub fn open(path: &Path) -> Result<ParquetCsv, Error> {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let not = |e: parquet::errors::ParquetError| {
            Error::Invalid(format!(
                "{}: not a Parquet file rolecall can read ({e}); the file is damaged: run the scan again",
                path.display()
            ))
        };
        let builder = ParquetRecordBatchReaderBuilder::try_new(f).map_err(not)?;
        let names = builder.schema().fields().iter().map(|f| f.name().clone()).collect();
        let batches = builder.with_batch_size(BATCH_ROWS).build().map_err(not)?;
        Ok(ParquetCsv { path: path.to_path_buf(), batches, names: Some(names), buf: Vec::new(), pos: 0 })
    }

    /// Renders the next batch (the header first); false at the end.
    fn refill(&mut self) -> std::io::Result<bool> {
        let mut w = csv_memory_writer();
        let csv_err = |e: csv::Error| std::io::Error::other(e.to_string());
        if let Some(names) = self.names.take() {
            w.write_record(&names).map_err(csv_err)?;
        } else {
            let batch = match self.batches.next() {
                None => return Ok(false),
                Some(b) => b.map_err(|e| {
                    std::io::Error::other(format!(
                        "{}: {e}; the file is damaged: run the scan again",
                        self.path.display()
                    ))
                })?,
            };
            let cols = batch.columns();
            let mut num = itoa::Buffer::new();
            let mut float = String::new();
            for r in 0..batch.num_rows() {
                for (c, col) in cols.iter().enumerate() {
                    if col.is_null(r) {
                        w.write_field("").map_err(csv_err)?;
                        continue;
                    }
                    let field = match col.data_type() {
                        DataType::Utf8 => col.as_string::<i32>().value(r),
                        DataType::LargeUtf8 => col.as_string::<i64>().value(r),
                        DataType::Int64 => num.format(col.as_primitive::<Int64Type>().value(r)),
                        DataType::UInt64 => num.format(col.as_primitive::<UInt64Type>().value(r)),
                        DataType::Boolean => {
                            if col.as_boolean().value(r) {
                                "true"
                            } else {
                                "false"
                            }
                        }
                        DataType::Float64 => {
                            use std::fmt::Write as _;
                            float.clear();
                            let _ = write!(float, "{}", col.as_primitive::<Float64Type>().value(r));
                            &float
                        }
                        other => {
                            return Err(std::io::Error::other(format!(
                                "{}: column {} is of type {other}, not one rolecall writes",
                                self.path.display(),
                                batch.schema().field(c).name()
                            )));
                        }
                    };
                    w.write_field(field).map_err(csv_err)?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_err)?;
            }
        }
        self.buf = w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
        self.pos = 0;
        Ok(true)
    }
}

impl Read for ParquetCsv {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.buf.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The rows of a table file as CSV bytes to read: the file itself, or a
/// `.parquet` file rendered as CSV ([`ParquetCsv`]).
///
/// # Errors
/// The file cannot be opened, or is not Parquet though named so.
pub fn open_as_csv(path: &Path) -> Result<Box<dyn Read>, Error> {
    if path.extension().is_some_and(|e| e == "parquet") {
        Ok(Box::new(ParquetCsv::open(path)?))
    } else {
        Ok(Box::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(table: &'static str, csv: &[u8], cut: usize) -> (Vec<u8>, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let file = AtomicFile::create(dir.path(), "t.parquet").unwrap();
        let mut w = ParquetWriter::new(table, file);
        // Bytes cut anywhere, even inside a record.
        for chunk in csv.chunks(cut) {
            w.write(chunk).unwrap();
        }
        w.finish().unwrap().commit().unwrap();
        let path = dir.path().join("t.parquet");
        let bytes = std::fs::read(&path).unwrap();
        let mut back = Vec::new();
        ParquetCsv::open(&path).unwrap().read_to_end(&mut back).unwrap();
        (bytes, back)
    }

    #[test]
    fn rows_cut_anywhere_make_the_same_file_and_read_back_as_written() {
        let mut csv =
            b"doc,bytes,sentences,director,producer,both,none,about_film,film_signals,outlet\r\n".to_vec();
        for i in 0..20_000 {
            let outlet = if i % 3 == 0 { String::new() } else { format!("\"out,let {i}\"") };
            csv.extend(format!("d{i}.txt,{i},3,1,0,0,2,{},4,{outlet}\r\n", i % 2 == 0).bytes());
        }
        let (a, back) = roundtrip(schema::DOCUMENTS, &csv, 1 << 20);
        let (b, _) = roundtrip(schema::DOCUMENTS, &csv, 7);
        assert_eq!(a, b, "the file does not depend on how its bytes arrived");
        assert_eq!(back, csv, "read back, the CSV rows as written");
    }

    #[test]
    fn a_cell_of_the_wrong_type_is_an_error_naming_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let file = AtomicFile::create(dir.path(), "t.parquet").unwrap();
        let mut w = ParquetWriter::new(schema::TERMS, file);
        let e = w.write(b"role,kind,term,hits,documents\r\ndirector,role,auteur,x,1\r\n").unwrap_err();
        assert!(e.to_string().contains("row 1, column hits: \"x\" is not a whole number"), "{e}");
    }

    #[test]
    fn a_group_of_no_units_has_null_shares_and_reads_back_as_empty_cells() {
        let mut csv = b"field,value,documents,sentences,director,none,".to_vec();
        csv.extend(b"director_share,director_low,director_high,none_share,none_low,none_high\r\n");
        csv.extend(b"topic,empty,1,0,0,0,,,,,,\r\n");
        csv.extend(b"topic,film,1,2,1,1,0.5,0.094531,0.905469,0.5,0.094531,0.905469\r\n");
        let (bytes, back) = roundtrip(schema::GROUPS, &csv, 9);
        assert_eq!(back, csv, "null read back as an empty cell");
        let file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut &file, &bytes).unwrap();
        let batch = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap().next();
        let batch = batch.unwrap().unwrap();
        let schema = batch.schema();
        for (name, nullable) in [("director_share", true), ("none_high", true), ("sentences", false)] {
            assert_eq!(schema.field_with_name(name).unwrap().is_nullable(), nullable, "{name}");
        }
        let high = batch.column_by_name("director_high").unwrap();
        assert_eq!((high.null_count(), high.is_null(0), high.is_null(1)), (1, true, false));
    }

    #[test]
    fn floats_read_back_exactly() {
        let csv = b"doc,sentence,term,role,kind,start,end,status,cue,weight\r\n\
                    a,0,x,director,role,0,1,counted,,0.5\r\na,0,y,director,role,2,3,discounted:music,band,1\r\n";
        let (_, back) = roundtrip(schema::MATCHES, csv, 5);
        assert_eq!(back, csv);
    }
}
