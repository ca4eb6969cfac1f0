//! The subsidies granted this year, as a wijk website would list them, with problem+json
//! errors as typed values. `cargo run -p samenstad-client --example awards -- 2026`

use samenstad_client::{Client, Error};
use samenstad_types::subsidies::YearQuery;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("SAMENSTAD_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".to_owned());
    let year = std::env::args().nth(1).map(|y| y.parse()).transpose()?;
    let client = Client::new(&url)?;
    let query = YearQuery { year, scheme: None };
    match client.awards(&query).await {
        Ok(list) => {
            let total: i64 = list.iter().map(|a| a.amount_cents).sum();
            for a in &list {
                let who = a.organisation.as_deref().unwrap_or("(a resident)");
                println!(
                    "€{:>9.2}  {who}: {}",
                    a.amount_cents as f64 / 100.0,
                    a.title
                );
            }
            println!("{} grants, €{:.2} in all", list.len(), total as f64 / 100.0);
        }
        // A bad year is answered 400 with the field that is wrong.
        Err(Error::Api(problem)) => {
            for e in &problem.errors {
                eprintln!("{}: {}", e.field, e.message);
            }
            std::process::exit(2);
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
