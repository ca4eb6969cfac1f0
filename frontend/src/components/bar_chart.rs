//! A horizontal bar chart as inline SVG. Every bar carries its label above it and its value as
//! text beside it, so the chart reads without colour; the SVG's `<title>` and `<desc>` give
//! screen readers the same figures.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use crate::format::fixed;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What it is (written above the bar).
    pub label: String,
    /// Its length, relative to the longest bar.
    pub value: f64,
    /// The figure written beside the bar.
    pub text: String,
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

const WIDTH: f64 = 720.0;
const BAR_AREA: f64 = 340.0;
const ROW: f64 = 40.0;

/// Bars, longest value = full width; a chart without bars says so.
#[component]
pub fn BarChart(
    /// The chart's title (also its accessible name).
    title: String,
    /// The bars, in the order shown.
    bars: Vec<Bar>,
    /// Shown instead of the chart when there are no bars.
    #[prop(into)]
    empty: String,
) -> impl IntoView {
    if bars.is_empty() {
        return view! { <p class="chart-empty">{title} ": " {empty}</p> }.into_any();
    }
    let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let (title_id, desc_id) = (format!("chart-{n}-title"), format!("chart-{n}-desc"));
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let desc = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.text))
        .collect::<Vec<_>>()
        .join("; ");
    let height = ROW * bars.len() as f64 + 4.0;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = ROW * i as f64;
            let w = (BAR_AREA * b.value.max(0.0) / max).max(if b.value > 0.0 { 2.0 } else { 0.0 });
            view! {
                <g class="bar-row">
                    <text x="0" y=fixed(y + 13.0, 1) class="bar-label">{b.label}</text>
                    <rect x="0" y=fixed(y + 18.0, 1) width=fixed(w, 1) height="14" class="bar" />
                    <text x=fixed(w + 6.0, 1) y=fixed(y + 30.0, 1) class="bar-value">{b.text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="bar-chart">
            <figcaption>{title.clone()}</figcaption>
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby=title_id.clone()
                aria-describedby=desc_id.clone()
                preserveAspectRatio="xMinYMin meet"
            >
                <title id=title_id.clone()>{title}</title>
                <desc id=desc_id.clone()>{desc}</desc>
                {rows}
            </svg>
        </figure>
    }
    .into_any()
}
