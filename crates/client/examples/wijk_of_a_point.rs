//! Which wijk is this point in? `cargo run -p samenstad-client --example wijk_of_a_point -- 51.0546 3.7215`
//! (server from `SAMENSTAD_URL`, default `http://127.0.0.1:8080`).

use samenstad_client::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("SAMENSTAD_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".to_owned());
    let mut args = std::env::args().skip(1);
    let lat: f64 = args.next().as_deref().unwrap_or("51.0546").parse()?;
    let lon: f64 = args.next().as_deref().unwrap_or("3.7215").parse()?;
    let client = Client::new(&url)?;
    match client.lookup_wijk(lat, lon).await? {
        Some(wijk) => println!("{lat},{lon} lies in wijk {} {}", wijk.wijknr, wijk.name),
        None => println!("{lat},{lon} lies in no wijk of Gent"),
    }
    Ok(())
}
