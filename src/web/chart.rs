//! One chart on a canvas, crisp at any devicePixelRatio, redrawn when its data changes or the
//! window is resized, with a PNG download. It draws the view's [`ChartData`], the same data its
//! table shows.

use crate::charts::{draw, ChartStyle};
use crate::view::ChartData;
use crate::view::Shared;
use gloo::events::EventListener;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::{HtmlAnchorElement, HtmlCanvasElement};
use yew::prelude::*;

/// Properties of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// What to draw.
    pub data: Shared<ChartData>,
}

/// A chart and its PNG download link.
#[function_component(Chart)]
pub fn chart(props: &ChartProps) -> Html {
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
        use_effect_with((props.data.clone(), *resized), move |(data, _)| {
            if let Some(element) = canvas.cast::<HtmlCanvasElement>() {
                match paint(element, data) {
                    // A performance mark per painted chart: the browser suite times the page by it.
                    Ok(()) => {
                        if let Some(performance) = gloo::utils::window().performance() {
                            let _ = performance.mark(PAINTED_MARK);
                        }
                    }
                    Err(message) => gloo::console::error!(message),
                }
            }
        });
    }
    let on_download = {
        let canvas = canvas.clone();
        Callback::from(move |e: MouseEvent| {
            let (Some(c), Some(a)) = (
                canvas.cast::<HtmlCanvasElement>(),
                e.target_dyn_into::<HtmlAnchorElement>(),
            ) else {
                return;
            };
            if let Ok(url) = c.to_data_url() {
                a.set_href(&url);
            }
        })
    };
    let kind = props.data.kind;
    let id = kind.id();
    html! {
        <figure class={classes!("chart", kind.tall().then_some("tall"))}>
            <canvas ref={canvas} data-testid={format!("chart-{id}")} role="img"
                aria-label={kind.image_label()} />
            <figcaption>
                <a class="download" href="#" download={format!("burnrate-{id}.png")}
                    onclick={on_download} data-testid="download-png">{ "Download PNG" }</a>
            </figcaption>
        </figure>
    }
}

/// The name of the performance mark set each time a chart is painted.
pub const PAINTED_MARK: &str = "burnrate:chart-painted";

/// Sizes the canvas to its CSS box × devicePixelRatio and draws the chart on it.
fn paint(element: HtmlCanvasElement, data: &ChartData) -> Result<(), String> {
    let scale = gloo::utils::window().device_pixel_ratio().max(1.0);
    let css_width = f64::from(element.client_width().max(320));
    let css_height = f64::from(element.client_height().max(200));
    element.set_width((css_width * scale).round() as u32);
    element.set_height((css_height * scale).round() as u32);
    let backend = CanvasBackend::with_canvas_object(element)
        .ok_or_else(|| "the chart canvas has no 2D context".to_string())?;
    draw(&backend.into_drawing_area(), data, ChartStyle { scale }).map_err(|e| e.to_string())
}
