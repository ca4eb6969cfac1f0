//! Every venue within a radius, all pages: what a poverty organisation shows its members.
//! `cargo run -p samenstad-client --example venues_near -- 51.0546 3.7215 2000`

use samenstad_client::Client;
use samenstad_types::venue::ListVenuesQuery;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("SAMENSTAD_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".to_owned());
    let mut args = std::env::args().skip(1);
    let lat = args.next().unwrap_or_else(|| "51.0546".to_owned());
    let lon = args.next().unwrap_or_else(|| "3.7215".to_owned());
    let radius: i32 = args.next().as_deref().unwrap_or("2000").parse()?;
    let client = Client::new(&url)?;
    let query = ListVenuesQuery {
        near: Some(format!("{lat},{lon}")),
        radius_m: Some(radius),
        limit: Some(20),
        ..Default::default()
    };
    // `pages` follows `next_cursor`; reads that get 503 are retried with backoff.
    let venues = client.pages(query).collect_all().await?;
    for v in &venues {
        println!("{:>6.0} m  {}", v.distance_m.unwrap_or_default(), v.name);
    }
    println!("{} venues within {radius} m", venues.len());
    Ok(())
}
