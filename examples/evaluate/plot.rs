//! Reliability in ten equal score bins: the expected calibration error, and the
//! diagram `--plot DIR` writes (share right against mean score per bin, each bin
//! drawn as large as the items in it and labelled with their number).

use std::path::Path;

use plotters::prelude::*;

/// Items by score in ten bins of width 0.1 (a score of 1 in the last).
#[derive(Default, Clone)]
pub(crate) struct Bins {
    /// Per bin: items, right ones, sum of scores.
    bins: [(usize, usize, f64); 10],
}

impl Bins {
    pub(crate) fn add(&mut self, score: f64, right: bool) {
        // Truncation is the binning: scores lie in [0, 1].
        let k = ((score * 10.0) as usize).min(9);
        if let Some(b) = self.bins.get_mut(k) {
            b.0 += 1;
            b.1 += usize::from(right);
            b.2 += score;
        }
    }

    /// Items in all bins.
    pub(crate) fn len(&self) -> usize {
        self.bins.iter().map(|b| b.0).sum()
    }

    /// The non-empty bins as (mean score, share right, items).
    pub(crate) fn points(&self) -> Vec<(f64, f64, usize)> {
        self.bins
            .iter()
            .filter(|b| b.0 > 0)
            .map(|&(n, right, sum)| (sum / n as f64, right as f64 / n as f64, n))
            .collect()
    }

    /// The expected calibration error: over the bins, the item-weighted mean of
    /// |mean score − share right| (0 when a score is the probability of being
    /// right).
    pub(crate) fn ece(&self) -> f64 {
        let n = self.len();
        if n == 0 {
            return 0.0;
        }
        let gap: f64 = self
            .points()
            .iter()
            .map(|&(mean, share, k)| (mean - share).abs() * k as f64)
            .sum();
        gap / n as f64
    }
}

/// Writes a reliability diagram of `series` (name, bins) to `path` as SVG.
pub(crate) fn write_svg(path: &Path, title: &str, series: &[(&str, &Bins)]) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot draw {}: {e}", path.display());
    let root = SVGBackend::new(path, (640, 560)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(52)
        .build_cartesian_2d(0f64..1.02f64, 0f64..1.02f64)
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .x_desc("mean score in the bin")
        .y_desc("share right")
        .draw()
        .map_err(|e| fail(&e))?;
    let diagonal = LineSeries::new([(0.0, 0.0), (1.0, 1.0)], BLACK.mix(0.35));
    chart.draw_series(diagonal).map_err(|e| fail(&e))?;
    let colours = [BLUE, RED, GREEN, MAGENTA];
    for (k, (name, bins)) in series.iter().enumerate() {
        let colour = colours[k % colours.len()];
        let points = bins.points();
        let line = LineSeries::new(
            points.iter().map(|&(x, y, _)| (x, y)),
            colour.stroke_width(2),
        );
        let label = format!("{name}: {} items, ECE {:.3}", bins.len(), bins.ece());
        chart
            .draw_series(line)
            .map_err(|e| fail(&e))?
            .label(label)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(2)));
        // A bin's disc grows with the square root of its items, so its area
        // shows how many pairs its point stands for.
        let discs = points.iter().map(|&(x, y, n)| {
            let r = (3.0 + (n as f64).sqrt()).min(28.0) as i32;
            Circle::new((x, y), r, colour.mix(0.3).filled())
        });
        chart.draw_series(discs).map_err(|e| fail(&e))?;
        let counts = points.iter().map(|&(x, y, n)| {
            let below = 0.035 * (k as f64 + 1.0);
            Text::new(
                n.to_string(),
                (x, y - below),
                ("sans-serif", 12).into_font().color(&colour),
            )
        });
        chart.draw_series(counts).map_err(|e| fail(&e))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_hold_scores_by_tenths_and_the_error_weighs_them() {
        let mut b = Bins::default();
        for (score, right) in [(0.95, true), (0.95, true), (1.0, false), (0.15, false)] {
            b.add(score, right);
        }
        let points = b.points();
        assert_eq!(points.len(), 2);
        assert_eq!((points[0].1, points[0].2), (0.0, 1));
        assert!((points[1].0 - 2.9 / 3.0).abs() < 1e-12);
        // |0.15 − 0| × 1 + |0.9667 − 0.6667| × 3, over 4 items.
        assert!((b.ece() - (0.15 + 0.9) / 4.0).abs() < 1e-12, "{}", b.ece());
        assert_eq!(Bins::default().ece(), 0.0);
    }

    #[test]
    fn a_diagram_is_an_svg_with_its_legend() {
        let mut b = Bins::default();
        b.add(0.8, true);
        b.add(0.3, false);
        let path = std::env::temp_dir().join(format!("bitext_plot_{}.svg", std::process::id()));
        write_svg(&path, "test", &[("pairs", &b)]).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
        assert!(svg.contains("pairs: 2 items, ECE 0.250"), "no legend");
    }
}
