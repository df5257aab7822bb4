//! `otalint probe --init`: a commented scenario to start from, never written over a file.

use std::path::Path;

use crate::app::OK;
use crate::error::Error;

pub const TEMPLATE: &str = r#"# probe.toml — what `otalint probe` sends, and where. Secrets stay in the environment:
# this file names environment variables and is meant to be committed.
version = 1
name = "acme-test"                  # used in file names and the report

[hs2]                               # probe Hotel Service v2 at this one URL
url = "https://test.acme-hotels.example/concur/hs2"

# [hs4]                             # probe Hotel Service v4 (REST); /hotels/search etc. are appended
# url = "https://test.acme-hotels.example/concur/v4"

[credentials]                       # names of environment variables, never values
user_env = "ACME_CONCUR_USER"
password_env = "ACME_CONCUR_PASSWORD"
# bad_password_env = "ACME_WRONG_PASSWORD"   # default: the password + "-otalint-invalid"

[transport]
timeout = "60s"                     # above Concur's 55 s, so a late answer is measured
connect_timeout = "10s"
proxy = "env"                       # env | none | a URL without credentials
# ca_file = "/etc/ssl/certs/ca-certificates.crt"   # trust these roots instead of Mozilla's
accept_encoding = { hs2 = "gzip" }  # Concur sends `Accept-Encoding: gzip`
keep_alive = true
repeat = 1                          # send each shopping step n times (timings)
pause = "0s"
# redact_headers = ["X-Api-Key"]    # more header values to keep out of the recording

[requestor]
id = "HTL011235"                    # POS/Source/RequestorID/@ID
currency = "USD"
language = "en"                     # PrimaryLangID = AltLangID
country = "US"
traveler_uuid = "random"            # concur-traveleruuid: a random UUID per run
# login_id = "probe.traveler@example.com"   # concur-loginid

[[search]]                          # one or more places; the flow books at the first with a rate
name = "Seattle downtown"
latitude = 47.606209
longitude = -122.332071
radius = 5
radius_max = 30
unit = "miles"                      # miles | km
checkin = "+90d"                    # days from today (UTC), or YYYY-MM-DD
nights = 2
hotels_to_shop = 5                  # the first n hotels of the search go into availability
hotel_codes = []                    # your test properties; when set, availability uses these

# [booking]                         # absent: no reservation is made
# confirm_host = "test.acme-hotels.example"   # must be the endpoint's host
# [booking.guest]
# given_name = "Janelle"
# surname = "Doherty"
# email = "probe@example.com"
# phone = "703-555-6100"
# company = "SAP Concur"
# [booking.guest_address]
# line = "209 Madison St"
# city = "Alexandria"
# postal_code = "22314"
# state = "VA"
# country = "US"
# [booking.card]
# code = "VI"
# type = "Visa"
# number_env = "ACME_TEST_CARD"     # or number = "4111111111111111" (published test numbers only)
# cvv_env = "ACME_TEST_CVV"
# expire = "2030-02"
# holder = "Janelle Doherty"

[probes]                            # the negative probes; all on by default
bad_credentials = "search"          # search | all (every operation but book) | false
no_hotels = { latitude = 0.0, longitude = -160.0 }   # open ocean: no hotel near
unknown_hotel = "ZZOTALINT0000"     # a hotel code that must not exist
mixed_hotels = true
invalid_date = true                 # check-in on the 33rd of the month
unknown_rate = "OTALINT-NO-RATE"
unknown_booking = "OTALINT-NO-RES"
repeat_cancel = true
read_cancelled = true

[steps]
ratedetails = "as-concur"           # as-concur (when availability says RateDetailsInd="false") | always | never
single_hotel_availability = false   # true: availability again for the chosen hotel alone (HS2 "Get Rates")
parallel_availability = 0           # k (at most 8): k single-hotel availabilities sent at once
"#;

pub fn write(path: &Path) -> Result<u8, Error> {
    crate::gate::Gate::armed()
        .create(path, TEMPLATE.as_bytes())
        .map_err(|e| match e {
            crate::gate::Refusal::Io(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Error::Usage(format!(
                    "{} exists; --init never overwrites a file",
                    path.display()
                ))
            }
            e => Error::Usage(format!("cannot write {}: {e}", path.display())),
        })?;
    eprintln!(
        "otalint probe: wrote {}; set the environment variables it names, then run `otalint probe --scenario {}`",
        path.display(),
        path.display()
    );
    Ok(OK)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_a_valid_scenario() {
        let s = super::super::Scenario::parse("probe.toml", super::TEMPLATE)
            .expect("the template parses");
        assert_eq!(s.name, "acme-test");
        assert!(s.booking.is_none());
    }
}
