//! An SVG map of wijken drawn from their GeoJSON boundaries, over the street-level tiles of the
//! configured base layer (`SAMENSTAD_MAP_TILES`; without one, the outlines alone).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use samenstad_types::{Geometry, Wijk};

use crate::format::fixed;

/// The trigonometry of the projection and its tiles: the browser's `Math` in the web app (Rust's
/// own versions link about 8 KB of libm into every build with a map), Rust's in native tests.
#[cfg(target_arch = "wasm32")]
use js_sys::Math;
#[cfg(not(target_arch = "wasm32"))]
#[expect(
    non_snake_case,
    reason = "the name of the browser's `Math` it stands in for"
)]
mod Math {
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    pub fn tan(x: f64) -> f64 {
        x.tan()
    }
    pub fn sinh(x: f64) -> f64 {
        x.sinh()
    }
    pub fn atan(x: f64) -> f64 {
        x.atan()
    }
    pub fn log(x: f64) -> f64 {
        x.ln()
    }
    pub fn log2(x: f64) -> f64 {
        x.log2()
    }
}

/// A map's projection: the same for the app and the server's first HTML.
pub use samenstad_domain::geometry::MapProjection as Projection;

/// The projection that fits all geometries into a map 1,000 units wide, with the browser's
/// cosine.
pub fn fit<'a>(geometries: impl IntoIterator<Item = &'a Geometry>) -> Projection {
    Projection::fit(geometries, Math::cos)
}

/// The tiles of the base layer `template` that cover the map, each with its place in SVG
/// coordinates (Web Mercator tiles; at city scale the projections agree within a pixel).
pub fn tiles(map: &Projection, template: &str) -> Vec<Tile> {
    let (west, north) = map.lon_lat(0.0, 0.0);
    let (east, south) = map.lon_lat(map.width(), map.height);
    let span = (east - west).max(1e-9);
    // About four 256-pixel tiles across the map's 1,000 units.
    let zoom = Math::log2(4.0 * 360.0 / span).floor().clamp(1.0, 18.0) as u32;
    let n = f64::from(1u32 << zoom);
    let tile_x = |lon: f64| ((lon + 180.0) / 360.0 * n).floor();
    let tile_y = |lat: f64| {
        let phi = lat.to_radians();
        ((1.0 - Math::log(Math::tan(phi) + 1.0 / Math::cos(phi)) / std::f64::consts::PI) / 2.0 * n)
            .floor()
    };
    let lon_of = |x: f64| x / n * 360.0 - 180.0;
    let lat_of =
        |y: f64| Math::atan(Math::sinh(std::f64::consts::PI * (1.0 - 2.0 * y / n))).to_degrees();
    let (x0, x1, y0, y1) = (tile_x(west), tile_x(east), tile_y(north), tile_y(south));
    let mut out = Vec::new();
    let mut y = y0;
    while y <= y1 && out.len() < 64 {
        let mut x = x0;
        while x <= x1 && out.len() < 64 {
            let (left, top) = map.xy(lon_of(x), lat_of(y));
            let (right, bottom) = map.xy(lon_of(x + 1.0), lat_of(y + 1.0));
            let (z, col, row) = (
                zoom.to_string(),
                (x as u64).to_string(),
                (y as u64).to_string(),
            );
            out.push(Tile {
                url: template
                    .replace("{z}", &z)
                    .replace("{x}", &col)
                    .replace("{y}", &row)
                    .replace("{TileMatrix}", &z)
                    .replace("{TileCol}", &col)
                    .replace("{TileRow}", &row),
                x: left,
                y: top,
                width: right - left,
                height: bottom - top,
            });
            x += 1.0;
        }
        y += 1.0;
    }
    out
}

/// A tile of the base layer and its place on the map (SVG coordinates).
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub url: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The street-level tiles under a map, when the installation configured a base layer (the
/// attribution goes with it, as the tile server's licence asks).
#[component]
pub fn BaseLayer(projection: Projection) -> impl IntoView {
    let layer = LocalResource::new(|| async {
        match crate::api::client() {
            Ok(c) => c.map_layer().await.unwrap_or_default(),
            Err(_) => samenstad_types::wijk::MapLayer::default(),
        }
    });
    move || {
        let layer = layer.get()?;
        let template = layer.tiles?;
        let tiles = tiles(&projection, &template);
        Some(view! {
            <g class="base-layer" aria-hidden="true">
                {tiles.into_iter().map(|t| view! {
                    <image href=t.url x=fixed(t.x, 1) y=fixed(t.y, 1)
                        width=fixed(t.width + 0.5, 1) height=fixed(t.height + 0.5, 1)
                        preserveAspectRatio="none"></image>
                }).collect_view()}
            </g>
            {layer.attribution.map(|a| view! {
                <text class="map-attribution" x=fixed(projection.width() - 8.0, 0) y=fixed(projection.height - 8.0, 0) text-anchor="end">{a}</text>
            })}
        })
    }
}

/// A clickable map: each wijk is a focusable link-like shape; Enter or a click opens its page.
#[component]
pub fn WijkMap(
    /// The wijken with their boundaries.
    shapes: Vec<(Wijk, Geometry)>,
    /// Accessible name of the map.
    label: String,
    /// Wijknrs to highlight (e.g. search matches); empty highlights nothing.
    #[prop(into)]
    highlighted: Signal<Vec<i16>>,
) -> impl IntoView {
    let projection = fit(shapes.iter().map(|(_, g)| g));
    let navigate = use_navigate();
    let paths = shapes
        .into_iter()
        .map(|(wijk, geometry)| {
            let d = projection.path(&geometry);
            let href = format!("/wijken/{}", wijk.slug);
            let nr = wijk.wijknr;
            let go = {
                let navigate = navigate.clone();
                let href = href.clone();
                move || navigate(&href, Default::default())
            };
            let go_key = go.clone();
            let class = move || {
                if highlighted.with(|h| h.contains(&nr)) {
                    "wijk-shape match"
                } else {
                    "wijk-shape"
                }
            };
            view! {
                <path
                    class=class
                    d=d
                    data-wijknr=nr
                    data-href=href
                    role="link"
                    tabindex="0"
                    aria-label=wijk.name.clone()
                    on:click=move |_| go()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            go_key();
                        }
                    }
                ></path>
            }
        })
        .collect_view();
    view! {
        <svg class="wijk-map" viewBox=projection.view_box() role="group" aria-label=label>
            <BaseLayer projection=projection />
            {paths}
        </svg>
    }
}

/// A point on a [`MarkerMap`] that opens a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// WGS84 latitude.
    pub lat: f64,
    /// WGS84 longitude.
    pub lon: f64,
    /// The page it opens.
    pub href: String,
    /// Its accessible name.
    pub label: String,
    /// CSS class (kind of marker).
    pub class: &'static str,
}

/// Outlines of wijken (one wijk, or the city) with focusable markers (Enter or a click opens
/// their page).
#[component]
pub fn MarkerMap(
    /// The boundaries drawn under the markers.
    outlines: Vec<Geometry>,
    /// The markers.
    markers: Vec<Marker>,
    /// Accessible name of the map.
    label: String,
) -> impl IntoView {
    let projection = fit(&outlines);
    let navigate = use_navigate();
    let dots = markers
        .into_iter()
        .map(|m| {
            let (x, y) = projection.xy(m.lon, m.lat);
            let go = {
                let navigate = navigate.clone();
                let href = m.href.clone();
                move || navigate(&href, Default::default())
            };
            let go_key = go.clone();
            view! {
                <circle class=m.class cx=fixed(x, 1) cy=fixed(y, 1) r="14" role="link" tabindex="0"
                    aria-label=m.label data-href=m.href
                    on:click=move |_| go()
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); go_key(); }
                ></circle>
            }
        })
        .collect_view();
    view! {
        <svg class="marker-map" viewBox=projection.view_box() role="group" aria-label=label>
            <BaseLayer projection=projection />
            {outlines.iter().map(|o| view! { <path class="wijk-bg" d=projection.path(o)></path> }).collect_view()}
            {dots}
        </svg>
    }
}

/// Picks a point in a wijk: a click on the map puts the pin there; with the keyboard, the pin
/// starts at the wijk's centre and the arrow keys move it 25 m at a time. `point` is
/// `(lat, lon)`.
#[component]
pub fn PointPicker(
    /// The wijk's boundary.
    outline: Geometry,
    /// The wijk's centre, where the keyboard starts.
    centre: (f64, f64),
    /// The chosen point.
    point: RwSignal<Option<(f64, f64)>>,
    /// Accessible name of the map.
    label: String,
    /// How to use it with the keyboard (shown under the map).
    help: String,
    /// Id of the help text.
    help_id: &'static str,
) -> impl IntoView {
    let projection = fit([&outline]);
    let pick = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(svg) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let scale = projection.width() / f64::from(svg.client_width().max(1));
        let (lon, lat) = projection.lon_lat(
            f64::from(ev.offset_x()) * scale,
            f64::from(ev.offset_y()) * scale,
        );
        point.set(Some((lat, lon)));
    };
    // 25 m in degrees at Gent's latitude.
    let (step_lat, step_lon) = (
        25.0 / 111_320.0,
        25.0 / (111_320.0 * Math::cos(centre.0.to_radians())),
    );
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        let (dlat, dlon) = match ev.key().as_str() {
            "ArrowUp" => (step_lat, 0.0),
            "ArrowDown" => (-step_lat, 0.0),
            "ArrowLeft" => (0.0, -step_lon),
            "ArrowRight" => (0.0, step_lon),
            "Enter" | " " => (0.0, 0.0),
            _ => return,
        };
        ev.prevent_default();
        point.update(|p| {
            let (lat, lon) = p.unwrap_or(centre);
            *p = Some((lat + dlat, lon + dlon));
        });
    };
    let pin = move || {
        point.get().map(|(lat, lon)| {
            let (x, y) = projection.xy(lon, lat);
            view! { <circle class="near-pin" cx=fixed(x, 1) cy=fixed(y, 1) r="12"></circle> }
        })
    };
    view! {
        <svg class="marker-map point-picker" viewBox=projection.view_box() role="group" tabindex="0"
            aria-label=label aria-describedby=help_id on:click=pick on:keydown=keys>
            <BaseLayer projection=projection />
            <path class="wijk-bg" d=projection.path(&outline)></path>
            {pin}
        </svg>
        <p class="hint" id=help_id>{help}</p>
    }
}

/// Asks the browser for the user's position and puts it in `target` as `(lat, lon)`. When the
/// user declines or the browser has no position, `failed` (if given) becomes `true`.
pub fn locate(target: RwSignal<Option<(f64, f64)>>, failed: Option<RwSignal<bool>>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Ok(geolocation) = window().navigator().geolocation() else {
        if let Some(f) = failed {
            f.set(true);
        }
        return;
    };
    let on_position = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        target.set(Some((coords.latitude(), coords.longitude())));
    });
    let on_error = Closure::once_into_js(move |_: wasm_bindgen::JsValue| {
        if let Some(f) = failed {
            f.set(true);
        }
    });
    let _ = geolocation.get_current_position_with_error_callback(
        on_position.unchecked_ref(),
        Some(on_error.unchecked_ref()),
    );
}

#[cfg(test)]
mod tests {
    use samenstad_types::Geometry;

    use super::{fit, tiles};

    #[test]
    fn the_base_layer_covers_the_map_with_the_tiles_of_the_places_on_it() {
        // A box of about 3.3 by 2.2 km around the Rabot.
        let ring = vec![
            [3.69, 51.05],
            [3.74, 51.05],
            [3.74, 51.07],
            [3.69, 51.07],
            [3.69, 51.05],
        ];
        let map = fit([&Geometry::Polygon {
            coordinates: vec![ring],
        }]);
        let tiles = tiles(&map, "https://tile.example.org/{z}/{x}/{y}.png");
        assert!(!tiles.is_empty() && tiles.len() <= 64, "{}", tiles.len());
        // 4 × 360 / 0.05 = 28,800: zoom 14, where the Rabot (51.0625, 3.7125) is tile 8360/5480.
        let rabot = map.xy(3.7125, 51.0625);
        let covering: Vec<_> = tiles
            .iter()
            .filter(|t| {
                (t.x..t.x + t.width).contains(&rabot.0) && (t.y..t.y + t.height).contains(&rabot.1)
            })
            .collect();
        assert_eq!(covering.len(), 1, "{tiles:?}");
        assert_eq!(covering[0].url, "https://tile.example.org/14/8360/5480.png");
        // Together they cover the whole map.
        let left = tiles.iter().map(|t| t.x).fold(f64::MAX, f64::min);
        let right = tiles.iter().map(|t| t.x + t.width).fold(f64::MIN, f64::max);
        let bottom = tiles
            .iter()
            .map(|t| t.y + t.height)
            .fold(f64::MIN, f64::max);
        assert!(
            left <= 0.0 && right >= map.width() && bottom >= map.height,
            "{left} {right} {bottom}"
        );
        // A WMTS template gets the same tile in its own words.
        let wmts = super::tiles(
            &map,
            "https://wmts.example.org/?TileMatrix={TileMatrix}&TileCol={TileCol}&TileRow={TileRow}",
        );
        assert!(
            wmts.iter()
                .any(|t| t.url.ends_with("TileMatrix=14&TileCol=8360&TileRow=5480"))
        );
    }
}
