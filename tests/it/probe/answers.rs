//! The mock supplier's answers: conforming HS2 responses built from each request (its
//! EchoToken, hotel codes, RatePlanID, UniqueIDs), and the wire-level misbehaviours.

use std::io::Write;
use std::sync::Mutex;
use std::thread;

use super::mock::{self, Behaviour, Echo, MockState};

pub const KNOWN: &[&str] = &["HTL4444", "HTL5555"];

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The value of `attr` on the first element whose name starts with `element`.
pub fn attr_after(body: &str, element: &str, attr: &str) -> Option<String> {
    // `<OTA_` matches any OTA root; other names match only whole.
    let at = body
        .match_indices(&format!("<{element}"))
        .map(|(at, _)| at)
        .find(|at| {
            let next = body
                .as_bytes()
                .get(at + 1 + element.len())
                .copied()
                .unwrap_or(b' ');
            element.ends_with('_') || next == b' ' || next == b'>' || next == b'/'
        })?;
    let rest = &body[at..];
    let end = rest.find('>')?;
    let tag = &rest[..end];
    let key = format!(" {attr}=\"");
    let start = tag.find(&key)? + key.len();
    Some(tag[start..].split('"').next()?.to_string())
}

pub fn hotel_codes(body: &str) -> Vec<String> {
    body.match_indices("HotelCode=\"")
        .filter_map(|(at, m)| body[at + m.len()..].split('"').next().map(str::to_string))
        .collect()
}

fn envelope(payload: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Body>\n{payload}\n  </soap:Body>\n</soap:Envelope>\n"
    )
}

fn root(name: &str, echo: &str, extra: &str, content: &str) -> String {
    envelope(&format!(
        "    <{name} xmlns=\"http://www.opentravel.org/OTA/2003/05\" EchoToken=\"{echo}\" Version=\"1.0\" PrimaryLangID=\"en\" AltLangID=\"en\"{extra}>\n{content}\n    </{name}>"
    ))
}

fn error(name: &str, echo: &str, kind: &str, code: &str, short: &str, content: &str) -> String {
    root(
        name,
        echo,
        "",
        &format!(
            "      <Errors>\n        <Error Type=\"{kind}\" Code=\"{code}\" ShortText=\"{short}\">{}</Error>\n      </Errors>",
            esc(content)
        ),
    )
}

fn property(code: &str) -> String {
    format!(
        "        <Property ChainCode=\"ZZ\" HotelCode=\"{code}\" HotelName=\"Hotel {code}\">\n          <Position Latitude=\"47.6062\" Longitude=\"-122.3321\"/>\n          <Address><AddressLine>1 Main St</AddressLine><CityName>Seattle</CityName><CountryName Code=\"US\"/></Address>\n        </Property>"
    )
}

fn room_stay(code: &str, start: &str, end: &str) -> String {
    format!(
        "        <RoomStay>\n          <RoomTypes>\n            <RoomType RoomID=\"RT-{code}\"><RoomDescription><Text>King bed, city view</Text></RoomDescription></RoomType>\n          </RoomTypes>\n          <RatePlans>\n            <RatePlan RatePlanID=\"RP-{code}\" AvailabilityStatus=\"AvailableForSale\">\n              <Guarantee GuaranteeType=\"CC/DC/Voucher\"/>\n              <RatePlanDescription><Text>Best available rate</Text></RatePlanDescription>\n            </RatePlan>\n          </RatePlans>\n          <RoomRates>\n            <RoomRate RoomID=\"RT-{code}\" RatePlanID=\"RP-{code}\">\n              <Rates><Rate><PaymentPolicies><GuaranteePayment><AcceptedPayments><AcceptedPayment><PaymentCard CardCode=\"VI\"/></AcceptedPayment></AcceptedPayments></GuaranteePayment></PaymentPolicies><Base AmountBeforeTax=\"189.00\" AmountAfterTax=\"214.50\" CurrencyCode=\"USD\"/></Rate></Rates>\n              <Total AmountBeforeTax=\"378.00\" AmountAfterTax=\"429.00\" CurrencyCode=\"USD\"/>\n            </RoomRate>\n          </RoomRates>\n          <TimeSpan Start=\"{start}\" End=\"{end}\"/>\n          <BasicPropertyInfo HotelCode=\"{code}\" HotelName=\"Hotel {code}\"/>\n        </RoomStay>"
    )
}

fn reservation(echo: &str, id: &str, kind: &str, extra: &str) -> String {
    root(
        "OTA_HotelResRS",
        echo,
        &format!(" ResResponseType=\"{kind}\""),
        &format!(
            "      <Success/>\n      <HotelReservations>\n        <HotelReservation>\n          <UniqueID Type=\"14\" ID=\"{id}\"/>\n          <UniqueID Type=\"1000\" ID=\"MOD-{id}\"/>\n{extra}        </HotelReservation>\n      </HotelReservations>"
        ),
    )
}

/// The conforming answer to a step.
fn conforming(step: &str, body: &str, state: &Mutex<MockState>) -> String {
    let echo = attr_after(body, "OTA_", "EchoToken").unwrap_or_default();
    let start = attr_after(body, "StayDateRange", "Start").unwrap_or_default();
    let end = attr_after(body, "StayDateRange", "End").unwrap_or_default();
    let id = attr_after(body, "UniqueID", "ID").unwrap_or_default();
    let codes = hotel_codes(body);
    let known: Vec<&String> = codes
        .iter()
        .filter(|c| KNOWN.contains(&c.as_str()))
        .collect();
    let avail = |stays: String| {
        let ind = match mock::rate_details_ind(state) {
            Some(v) => format!("\n      <TPA_Extensions RateDetailsInd=\"{v}\"/>"),
            None => String::new(),
        };
        root(
            "OTA_HotelAvailRS",
            &echo,
            "",
            &format!("      <Success/>\n      <RoomStays>\n{stays}\n      </RoomStays>{ind}"),
        )
    };
    match step {
        "search" => root(
            "OTA_HotelSearchRS",
            &echo,
            "",
            &format!(
                "      <Success/>\n      <Properties>\n{}\n{}\n      </Properties>",
                property("HTL4444"),
                property("HTL5555")
            ),
        ),
        "no-hotels" => {
            let lat = attr_after(body, "Position", "Latitude").unwrap_or_default();
            let lon = attr_after(body, "Position", "Longitude").unwrap_or_default();
            let r = attr_after(body, "Radius", "Distance").unwrap_or_default();
            let u = attr_after(body, "Radius", "UnitOfMeasureCode").unwrap_or_default();
            error(
                "OTA_HotelSearchRS",
                &echo,
                "13",
                "424",
                "No hotels found which match this input",
                &format!("{lat},{lon},{r},{u}"),
            )
        }
        "availability" | "mixed-hotels" | "availability-single" => avail(
            known
                .iter()
                .map(|c| room_stay(c, &start, &end))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        "unknown-hotel" | "unknown-hotel-detail" => {
            let name = if step == "unknown-hotel" {
                "OTA_HotelAvailRS"
            } else {
                "OTA_HotelDescriptiveInfoRS"
            };
            error(
                name,
                &echo,
                "13",
                "400",
                "Invalid property code",
                &codes.join(","),
            )
        }
        "invalid-date" => error(
            "OTA_HotelAvailRS",
            &echo,
            "13",
            "320",
            "Invalid value",
            &format!("StayDateRange:{start}"),
        ),
        "ratedetails" => avail(
            known
                .iter()
                .map(|c| room_stay(c, &start, &end))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        "unknown-rate" => {
            let rate = attr_after(body, "RatePlanCandidate", "RatePlanID").unwrap_or_default();
            error(
                "OTA_HotelAvailRS",
                &echo,
                "13",
                "438",
                "Requested rate not available",
                &rate,
            )
        }
        "detail" => root(
            "OTA_HotelDescriptiveInfoRS",
            &echo,
            "",
            &format!(
                "      <Success/>\n      <HotelDescriptiveContents>\n        <HotelDescriptiveContent HotelCode=\"{0}\" HotelName=\"Hotel {0}\">\n          <HotelInfo><Descriptions><DescriptiveText>A test hotel.</DescriptiveText></Descriptions></HotelInfo>\n          <MultimediaDescriptions><MultimediaDescription><ImageItems>{1}</ImageItems></MultimediaDescription></MultimediaDescriptions>\n        </HotelDescriptiveContent>\n      </HotelDescriptiveContents>",
                codes.first().cloned().unwrap_or_default(),
                super::image_mock::hs2_items(state, &codes.first().cloned().unwrap_or_default())
            ),
        ),
        "book" => reservation(&echo, &mock::last_booking(state), "Committed", ""),
        "read" => reservation(&echo, &id, "Committed", ""),
        "read-cancelled" => reservation(&echo, &id, "Cancelled", ""),
        "unknown-booking" => error(
            "OTA_HotelResRS",
            &echo,
            "13",
            "385",
            "Invalid confirmation or cancellation number",
            &id,
        ),
        "cancel" | "repeat-cancel" => root(
            "OTA_CancelRS",
            &echo,
            " Status=\"Cancelled\"",
            &format!(
                "      <Success/>\n      <UniqueID Type=\"14\" ID=\"{id}\"/>\n      <UniqueID Type=\"15\" ID=\"CXL-{id}\"/>"
            ),
        ),
        _ => String::new(),
    }
}

/// The body of a step under a behaviour that changes the body only.
fn body_for(step: &str, body: &str, b: Option<&Behaviour>, state: &Mutex<MockState>) -> String {
    let echo = attr_after(body, "OTA_", "EchoToken").unwrap_or_default();
    let start = attr_after(body, "StayDateRange", "Start").unwrap_or_default();
    let end = attr_after(body, "StayDateRange", "End").unwrap_or_default();
    match b {
        Some(Behaviour::AcceptAnyCredentials) => conforming("search", body, state),
        Some(Behaviour::Type4) => error("OTA_HotelSearchRS", &echo, "4", "497", "Authorization error", ""),
        Some(Behaviour::TwoErrors) => root("OTA_HotelAvailRS", &echo, "", &format!(
            "      <Errors>\n        <Error Type=\"13\" Code=\"322\" ShortText=\"No availability\">HTL5555</Error>\n        <Error Type=\"13\" Code=\"322\" ShortText=\"No availability\">HTL4444</Error>\n      </Errors>\n      <RoomStays>\n{}\n      </RoomStays>",
            room_stay("HTL4444", &start, &end)
        )),
        Some(Behaviour::SoapFault) => envelope("    <soap:Fault><faultcode>soap:Client</faultcode><faultstring>cvc-datatype-valid: '2027-02-33' is not a valid value for 'date'</faultstring></soap:Fault>"),
        Some(Behaviour::HtmlPage(_)) => "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Error</title></head><body><h1>Internal Server Error</h1></body></html>\n".to_string(),
        Some(Behaviour::WrongEchoToken) => conforming(step, body, state).replace(&format!("EchoToken=\"{echo}\""), "EchoToken=\"STALE-TOKEN\""),
        Some(Behaviour::Oversize(n)) => conforming(step, body, state).replace("<Success/>", &format!("<Success/>\n<!--{}-->", "x".repeat(*n))),
        Some(Behaviour::EchoCard) => reservation(&echo, &mock::last_booking(state), "Committed", &format!("          <Comments><Comment><Text>Guaranteed by card {}</Text><SeriesCode>{}</SeriesCode></Comment></Comments>\n", mock::CARD, mock::CVV)),
        Some(Behaviour::EchoPassword) => conforming(step, body, state).replace("<Success/>", &format!("<Success/>\n<!-- debug: authenticated with {} -->", esc(mock::PASSWORD))),
        Some(Behaviour::CancelError(code)) => match *code {
            "95" => error("OTA_CancelRS", &echo, "13", code, "Booking already cancelled", ""),
            _ => error("OTA_CancelRS", &echo, "1", code, "Reservation cannot be cancelled twice", ""),
        },
        Some(Behaviour::PricedUnknownHotel) => {
            let codes = hotel_codes(body);
            root("OTA_HotelAvailRS", &echo, "", &format!("      <Success/>\n      <RoomStays>\n{}\n      </RoomStays>", codes.iter().map(|c| room_stay(c, &start, &end)).collect::<Vec<_>>().join("\n")))
        }
        Some(Behaviour::ErrorsForMixed) => error("OTA_HotelAvailRS", &echo, "13", "400", "Invalid property code", &hotel_codes(body).into_iter().filter(|c| !KNOWN.contains(&c.as_str())).collect::<Vec<_>>().join(",")),
        Some(Behaviour::EchoBase64Password) => {
            use base64::Engine;
            let b = base64::engine::general_purpose::STANDARD.encode(format!("session;{};end", mock::PASSWORD));
            conforming(step, body, state).replace("<Success/>", &format!("<Success/>\n<!-- trace {b} -->"))
        }
        Some(Behaviour::NoUniqueId) => conforming(step, body, state).replace(&format!("          <UniqueID Type=\"14\" ID=\"{}\"/>\n", mock::last_booking(state)), "").replace(&format!("          <UniqueID Type=\"1000\" ID=\"MOD-{}\"/>\n", mock::last_booking(state)), ""),
        Some(Behaviour::OtherReservation) => {
            let id = attr_after(body, "UniqueID", "ID").unwrap_or_default();
            conforming(step, body, state).replace(&format!("<UniqueID Type=\"14\" ID=\"{id}\"/>"), "<UniqueID Type=\"14\" ID=\"OTHER-1\"/>")
        }
        _ => conforming(step, body, state),
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

fn chunked(bytes: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for c in bytes.chunks(size.max(1)) {
        out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// Writes the answer; whether the connection stays open.
pub fn respond<W: Write>(
    w: &mut W,
    step: &str,
    head_in: &str,
    body: &str,
    b: Option<&Behaviour>,
    state: &Mutex<MockState>,
) -> bool {
    let bad_creds = step == "bad-credentials";
    let status_line = |code: u16, reason: &str| format!("HTTP/1.1 {code} {reason}\r\n");
    let (mut head, payload): (String, Vec<u8>) = match b {
        Some(Behaviour::Close) => return false,
        Some(Behaviour::Raw(bytes)) => {
            let _ = w.write_all(bytes);
            return false;
        }
        Some(Behaviour::Status(code)) => (
            format!(
                "{}WWW-Authenticate: Basic realm=\"hotel\"\r\n",
                status_line(
                    *code,
                    match *code {
                        401 => "Unauthorized",
                        403 => "Forbidden",
                        500 => "Internal Server Error",
                        _ => "Status",
                    }
                )
            ),
            Vec::new(),
        ),
        Some(Behaviour::Redirect) => (
            format!(
                "{}Location: https://elsewhere.example/hs2\r\n",
                status_line(302, "Found")
            ),
            Vec::new(),
        ),
        Some(Behaviour::Latin1) => (
            format!(
                "{}Content-Type: text/xml; charset=ISO-8859-1\r\n",
                status_line(200, "OK")
            ),
            latin1(&body_for(step, body, None, state)),
        ),
        Some(Behaviour::StatusBody(code)) => (
            format!(
                "{}Content-Type: text/xml; charset=utf-8\r\n",
                status_line(*code, "Accepted")
            ),
            body_for(step, body, None, state).into_bytes(),
        ),
        Some(Behaviour::HtmlPage(code)) => (
            format!(
                "{}Content-Type: text/html\r\n",
                status_line(*code, "Internal Server Error")
            ),
            body_for(step, body, b, state).into_bytes(),
        ),
        _ if bad_creds
            && !matches!(b, Some(Behaviour::AcceptAnyCredentials | Behaviour::Type4)) =>
        {
            (status_line(403, "Forbidden"), Vec::new())
        }
        _ => (
            format!(
                "{}Content-Type: text/xml; charset=utf-8\r\n",
                status_line(200, "OK")
            ),
            body_for(step, body, b, state).into_bytes(),
        ),
    };
    if let Some(Behaviour::EchoAuthHeader) = b {
        let auth = head_in
            .lines()
            .find_map(|l| l.strip_prefix("authorization: "))
            .unwrap_or("")
            .trim()
            .to_string();
        head.push_str(&format!(
            "X-Echo-Authorization: {auth}\r\nSet-Cookie: s={}; HttpOnly\r\nX-Debug: user={} pass={}\r\n",
            mock::PASSWORD,
            mock::USER,
            mock::PASSWORD
        ));
    }
    match b {
        Some(Behaviour::Slow(d)) => thread::sleep(*d),
        Some(Behaviour::HeaderLines(n)) => {
            let _ = w.write_all(head.as_bytes());
            for i in 0..*n {
                if w.write_all(format!("X-Filler-{i}: {}\r\n", "y".repeat(20)).as_bytes())
                    .is_err()
                {
                    return false;
                }
            }
            let _ = w.write_all(format!("Content-Length: {}\r\n\r\n", payload.len()).as_bytes());
            let _ = w.write_all(&payload);
            return false;
        }
        Some(Behaviour::EndlessBody) => {
            let _ = w.write_all(format!("{head}Content-Length: 10000000000\r\n\r\n").as_bytes());
            let chunk = vec![b'<'; 64 * 1024];
            while w.write_all(&chunk).is_ok() {}
            return false;
        }
        Some(Behaviour::GzipBomb(g)) => {
            let _ = w.write_all(
                format!(
                    "{head}Content-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
                    g.len()
                )
                .as_bytes(),
            );
            let _ = w.write_all(g);
            return true;
        }
        _ => {}
    }
    let mut payload = payload;
    if let Some(Behaviour::Echo(e)) = b {
        head.push_str(&e.headers);
        let text = String::from_utf8_lossy(&payload).replacen(
            "<Success/>",
            &format!("<Success/>{}", e.text),
            1,
        );
        payload = text.into_bytes();
        if e.gzip {
            payload = gzip(&payload);
            head.push_str("Content-Encoding: gzip\r\n");
        }
    }
    if matches!(b, Some(Behaviour::Gzip | Behaviour::GzipChunked)) {
        payload = gzip(&payload);
        head.push_str("Content-Encoding: gzip\r\n");
    }
    let framed = match b {
        Some(Behaviour::Chunked(n)) => Some(chunked(&payload, *n)),
        Some(Behaviour::GzipChunked) => Some(chunked(&payload, 512)),
        Some(Behaviour::Echo(Echo { chunk: Some(n), .. })) => Some(chunked(&payload, *n)),
        _ => None,
    };
    let mut keep = true;
    let bytes = match framed {
        Some(f) => [head.as_bytes(), b"Transfer-Encoding: chunked\r\n\r\n", &f].concat(),
        None => {
            let declared = match b {
                Some(Behaviour::Truncate(_)) => payload.len() * 2,
                _ => payload.len(),
            };
            if let Some(Behaviour::Truncate(after)) = b {
                payload.truncate(*after);
                keep = false;
            }
            let mut h = head.clone();
            if matches!(b, Some(Behaviour::Http10)) {
                h = h.replacen("HTTP/1.1", "HTTP/1.0", 1);
                h.push_str("Connection: close\r\n");
                keep = false;
            }
            if matches!(b, Some(Behaviour::Continue100)) {
                h = format!("HTTP/1.1 100 Continue\r\n\r\n{h}");
            }
            [
                h.as_bytes(),
                format!("Content-Length: {declared}\r\n\r\n").as_bytes(),
                &payload,
            ]
            .concat()
        }
    };
    if let Some(Behaviour::Drip(every)) = b {
        for byte in &bytes {
            if w.write_all(&[*byte]).and_then(|_| w.flush()).is_err() {
                return false;
            }
            thread::sleep(*every);
        }
        return keep;
    }
    let _ = w.write_all(&bytes);
    let _ = w.flush();
    keep
}

/// An answer re-encoded in ISO-8859-1, declared so, with a `é` (one byte, 0xE9) in a comment.
fn latin1(xml: &str) -> Vec<u8> {
    let body = xml.replacen("<Success/>", "<Success/><!-- Caf\u{e9} -->", 1);
    let body = match body.strip_prefix("<?xml") {
        Some(rest) => {
            let end = rest.find("?>").map_or(0, |e| e + 2);
            format!(
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>{}",
                &rest[end..]
            )
        }
        None => format!("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n{body}"),
    };
    body.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}
