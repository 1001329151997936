//! The monthly-spend chart on a canvas, crisp at any devicePixelRatio, redrawn when its data
//! changes or the window is resized.

use crate::charts::{draw_monthly_spend, ChartStyle};
use crate::report::Report;
use gloo::events::EventListener;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties of [`SpendChart`].
#[derive(Properties, PartialEq)]
pub struct SpendChartProps {
    /// The report to draw.
    pub report: Rc<Report>,
}

/// Monthly token spend.
#[function_component(SpendChart)]
pub fn spend_chart(props: &SpendChartProps) -> Html {
    let canvas = use_node_ref();
    let resized = use_state(|| 0u32);
    {
        let resized = resized.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| {
                resized.set(*resized + 1)
            });
            move || drop(listener)
        });
    }
    {
        let canvas = canvas.clone();
        use_effect_with((props.report.clone(), *resized), move |(report, _)| {
            if let Some(element) = canvas.cast::<HtmlCanvasElement>() {
                if let Err(message) = draw(element, report) {
                    gloo::console::error!(message);
                }
            }
        });
    }
    html! {
        <figure class="chart">
            <canvas ref={canvas} data-testid="spend-chart" role="img"
                aria-label="Monthly token spend in US dollars; the monthly table below has the same numbers." />
        </figure>
    }
}

/// Sizes the canvas to its CSS box × devicePixelRatio and draws the chart on it.
fn draw(element: HtmlCanvasElement, report: &Report) -> Result<(), String> {
    let scale = gloo::utils::window().device_pixel_ratio().max(1.0);
    let css_width = f64::from(element.client_width().max(320));
    let css_height = f64::from(element.client_height().max(200));
    element.set_width((css_width * scale).round() as u32);
    element.set_height((css_height * scale).round() as u32);
    let backend = CanvasBackend::with_canvas_object(element)
        .ok_or_else(|| "the chart canvas has no 2D context".to_string())?;
    draw_monthly_spend(&backend.into_drawing_area(), report, ChartStyle { scale })
        .map_err(|e| e.to_string())
}
