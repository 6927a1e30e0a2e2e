//! Tests of the report: loading, escaping, highlighting.
