//! The report's charts, drawn with plotters' SVG backend into strings that
//! the page holds inline: bars with interval whiskers for shares, lines
//! with interval bands over time, bars of term hits. Every axis is named;
//! text in a chart is escaped by the backend.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::error::Error;

/// Chart width in pixels (the page scales it to the screen or paper).
pub const WIDTH: u32 = 760;

/// Width of a chart of terms (two side by side on a laptop screen).
pub const TERMS_WIDTH: u32 = 500;

/// The font of chart text: the reader's sans-serif font (none is embedded
/// or fetched).
const FONT: &str = "sans-serif";

/// Longest value name drawn in full on an axis (longer ones are cut with
/// an ellipsis; the tables have them whole).
const NAME_CHARS: usize = 32;

/// A share with its 95% interval, drawn as a bar with a whisker.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The label.
    pub name: String,
    /// Its colour.
    pub colour: (u8, u8, u8),
    /// The share (0 to 1).
    pub share: f64,
    /// Lower bound of the interval.
    pub low: f64,
    /// Upper bound of the interval.
    pub high: f64,
}

/// One label's shares across the values of a grouping: `(share, low,
/// high)` per value, in the values' order.
#[derive(Debug, Clone)]
pub struct Series {
    /// The label.
    pub name: String,
    /// Its colour.
    pub colour: (u8, u8, u8),
    /// Share, low and high per value.
    pub points: Vec<(f64, f64, f64)>,
}

/// An axis of `n` categories, category `i` centred on `i` (from -0.5 to
/// n - 0.5), with a tick at each centre; fractional values place bars of
/// several series side by side within a category.
#[derive(Debug, Clone)]
pub struct Bands {
    n: usize,
    /// A tick (and its label) at every `step`-th category, from the first.
    step: usize,
}

impl Bands {
    /// An axis of `n` categories, each with its tick.
    pub fn new(n: usize) -> Bands {
        Bands { n, step: 1 }
    }

    /// An axis of `n` categories whose labels, each `label_px` pixels wide
    /// at most, share `room_px` pixels: a tick at every category when they
    /// fit, else at every second, third… (a report's 124 years had their
    /// labels 5 px apart, one black smear).
    pub fn fitting(n: usize, label_px: u32, room_px: u32) -> Bands {
        let fit = (room_px / label_px.max(1)).max(1) as usize;
        Bands { n, step: n.div_ceil(fit).max(1) }
    }
}

impl Ranged for Bands {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        RangedCoordf64::from(self.range()).map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        match hint.weight().allow_light_points() {
            true => Vec::new(),
            false => (0..self.n).step_by(self.step).map(|i| i as f64).collect(),
        }
    }

    fn range(&self) -> Range<f64> {
        -0.5..self.n as f64 - 0.5
    }
}

fn chart_error(what: &str) -> impl Fn(String) -> Error + '_ {
    move |e| Error::Invalid(format!("drawing the chart of {what}: {e}"))
}

/// Draws with `draw` on an SVG canvas of `height` and returns the SVG
/// (without its `xmlns`, which inline SVG in HTML does not need).
fn svg(
    what: &str,
    (width, height): (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), String>,
) -> Result<String, Error> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string()).map_err(chart_error(what))?;
        draw(&root).map_err(chart_error(what))?;
        root.present().map_err(|e| e.to_string()).map_err(chart_error(what))?;
    }
    Ok(out.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1))
}

fn rgb((r, g, b): (u8, u8, u8)) -> RGBColor {
    RGBColor(r, g, b)
}

/// A name cut to [`NAME_CHARS`] characters.
fn short(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_string();
    }
    let mut s: String = name.chars().take(NAME_CHARS - 1).collect();
    s.push('…');
    s
}

/// Pixels for axis labels of these names.
fn label_width(names: &[String]) -> u32 {
    let longest = names.iter().map(|n| short(n).chars().count()).max().unwrap_or(4) as u32;
    (longest * 7 + 16).clamp(60, 260)
}

/// The top of a share axis: the highest bound rounded up to a tenth.
fn share_top(highs: impl Iterator<Item = f64>) -> f64 {
    let top = highs.fold(0.0f64, f64::max);
    ((top * 10.0).ceil() / 10.0).clamp(0.1, 1.0)
}

fn percent(x: &f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The name of the band at `y` on a [`Bands`] axis of `names` (the first
/// name on top), cut to [`NAME_CHARS`]; empty between bands.
fn band_label(names: &[String], y: f64) -> String {
    let i = names.len() as i64 - 1 - y.round() as i64;
    usize::try_from(i).ok().and_then(|i| names.get(i)).map(|s| short(s)).unwrap_or_default()
}

/// The frame of a chart of shares as horizontal bars: x from 0 to `top`
/// in percent, one band per name (the first on top) labelled with it, and
/// the axis descriptions `(x, y)`; `label_size` is the tick label size.
fn share_bars<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    names: &[String],
    top: f64,
    (x_desc, y_desc): (&str, &str),
    label_size: u32,
) -> Result<ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, Bands>>, String> {
    let n = names.len();
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(label_width(names))
        .build_cartesian_2d(0f64..top, Bands::new(n))
        .map_err(|e| e.to_string())?;
    let label_of = |y: &f64| band_label(names, *y);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_max_light_lines(2)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_label_formatter(&percent)
        .y_label_formatter(&label_of)
        .label_style((FONT, label_size))
        .axis_desc_style((FONT, 14))
        .draw()
        .map_err(|e| e.to_string())?;
    Ok(chart)
}

/// Horizontal bars of the corpus shares of each label, with their 95%
/// intervals as whiskers; the first label on top.
pub fn corpus_bars(bars: &[Bar]) -> Result<String, Error> {
    let n = bars.len();
    let names: Vec<String> = bars.iter().map(|b| b.name.clone()).collect();
    let height = 90 + 44 * n as u32;
    svg("the corpus shares", (WIDTH, height), |root| {
        let y_of = |i: usize| (n - 1 - i) as f64;
        let x_desc = "share of all units (bar), 95% Wilson interval (whisker)";
        let top = share_top(bars.iter().map(|b| b.high));
        let mut chart = share_bars(root, &names, top, (x_desc, "label"), 14)?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                let y = y_of(i);
                Rectangle::new([(0.0, y - 0.32), (b.share, y + 0.32)], rgb(b.colour).filled())
            }))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                ErrorBar::new_horizontal(y_of(i), b.low, b.share, b.high, BLACK.stroke_width(2), 12)
            }))
            .map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// Grouped horizontal bars: for each value of grouping `field` (the
/// first on top), one bar per series (in series order, top down) with its
/// interval whisker. The page gives the legend beside the chart.
pub fn group_bars(field: &str, values: &[String], series: &[Series]) -> Result<String, Error> {
    let n = values.len();
    let m = series.len().max(1);
    let height = 110 + (n * (m * 14 + 14)) as u32;
    svg(&format!("grouping {field}"), (WIDTH, height), |root| {
        let x_desc = "share of the group's units (bar), 95% Wilson interval (whisker)";
        let top = share_top(series.iter().flat_map(|s| s.points.iter().map(|p| p.2)));
        let mut chart = share_bars(root, values, top, (x_desc, field), 13)?;
        let band = 0.8 / m as f64;
        // The first series at the top of each value's band.
        let y_of = |v: usize, j: usize| (n - 1 - v) as f64 + 0.4 - band * (j as f64 + 0.5);
        for (j, s) in series.iter().enumerate() {
            let colour = rgb(s.colour);
            chart
                .draw_series(s.points.iter().enumerate().map(|(v, p)| {
                    let y = y_of(v, j);
                    Rectangle::new([(0.0, y - band * 0.42), (p.0, y + band * 0.42)], colour.filled())
                }))
                .map_err(|e| e.to_string())?;
            chart
                .draw_series(s.points.iter().enumerate().map(|(v, p)| {
                    ErrorBar::new_horizontal(y_of(v, j), p.1, p.0, p.2, BLACK.stroke_width(1), 6)
                }))
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}

/// Shares over time: for each series a line through its shares per period
/// (`periods` in time order) and a band for their 95% intervals. The page
/// gives the legend beside the chart.
pub fn period_lines(field: &str, periods: &[String], series: &[Series]) -> Result<String, Error> {
    let n = periods.len();
    // Labels of 13-pixel type: about 8 pixels a character and a gap;
    // the plot is the width less the margins and the y labels' area.
    let (margin, y_labels) = (12, 64);
    let longest = periods.iter().map(|p| short(p).chars().count()).max().unwrap_or(1) as u32;
    let x_axis = Bands::fitting(n, longest * 8 + 16, WIDTH - 2 * margin - y_labels);
    svg(&format!("grouping {field}"), (WIDTH, 420), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(margin)
            .x_label_area_size(48)
            .y_label_area_size(y_labels)
            .build_cartesian_2d(
                x_axis.clone(),
                0f64..share_top(series.iter().flat_map(|s| s.points.iter().map(|p| p.2))),
            )
            .map_err(|e| e.to_string())?;
        let label_of = |x: &f64| {
            usize::try_from(x.round() as i64)
                .ok()
                .and_then(|i| periods.get(i))
                .map(|s| short(s))
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_max_light_lines(2)
            .x_desc(field)
            .y_desc("share of the period's units")
            .x_label_formatter(&label_of)
            .y_label_formatter(&percent)
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 14))
            .draw()
            .map_err(|e| e.to_string())?;
        for s in series {
            let colour = rgb(s.colour);
            let mut band: Vec<(f64, f64)> =
                s.points.iter().enumerate().map(|(i, p)| (i as f64, p.2)).collect();
            band.extend(s.points.iter().enumerate().rev().map(|(i, p)| (i as f64, p.1)));
            chart.draw_series([Polygon::new(band, colour.mix(0.18).filled())]).map_err(|e| e.to_string())?;
            chart
                .draw_series(LineSeries::new(
                    s.points.iter().enumerate().map(|(i, p)| (i as f64, p.0)),
                    colour.stroke_width(2),
                ))
                .map_err(|e| e.to_string())?;
            chart
                .draw_series(
                    s.points
                        .iter()
                        .enumerate()
                        .map(|(i, p)| Circle::new((i as f64, p.0), 3, colour.filled())),
                )
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}

/// Horizontal bars of the hits of a role's most frequent terms (the first
/// on top).
pub fn term_bars(role: &str, colour: (u8, u8, u8), terms: &[(String, u64)]) -> Result<String, Error> {
    let n = terms.len();
    let names: Vec<String> = terms.iter().map(|t| t.0.clone()).collect();
    let top = terms.iter().map(|t| t.1).max().unwrap_or(1).max(1);
    let height = 80 + 24 * n as u32;
    svg(&format!("the {role} terms"), (TERMS_WIDTH, height), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(label_width(&names))
            .build_cartesian_2d(0u64..top + top / 10 + 1, Bands::new(n))
            .map_err(|e| e.to_string())?;
        let label_of = |y: &f64| band_label(&names, *y);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_max_light_lines(2)
            .x_desc(format!("matches of the term ({role} lexicon), all statuses"))
            .y_desc("term")
            .y_label_formatter(&label_of)
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 14))
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(terms.iter().enumerate().map(|(i, t)| {
                let y = (n - 1 - i) as f64;
                Rectangle::new([(0, y - 0.35), (t.1, y + 0.35)], rgb(colour).filled())
            }))
            .map_err(|e| e.to_string())?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The period chart labels every year when the years fit, and every
    /// n-th when they do not (a trial's 124 years ran together).
    #[test]
    fn period_labels_are_thinned_to_fit() {
        let labels_of = |n: usize| {
            let periods: Vec<String> = (0..n).map(|i| (1900 + i).to_string()).collect();
            let series = vec![Series {
                name: "director".into(),
                colour: (1, 2, 3),
                points: vec![(0.1, 0.05, 0.2); n],
            }];
            let svg = period_lines("year", &periods, &series).unwrap();
            periods.iter().filter(|p| svg.contains(&format!(">\n{p}\n</text>"))).count()
        };
        assert_eq!(labels_of(10), 10);
        let many = labels_of(124);
        assert!((6..=20).contains(&many), "{many} of 124 labels drawn");
        assert_eq!((Bands::fitting(124, 48, 664).step, Bands::fitting(5, 48, 664).step), (10, 1));
    }
}
