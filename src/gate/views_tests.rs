use super::*;

fn texts(raw: &[u8]) -> Vec<String> {
    let mut all = Vec::new();
    each(raw, ALL_BASE64, &mut |v| {
        all.push(String::from_utf8_lossy(&v.text).into_owned())
    });
    all
}

fn seen(raw: &[u8], secret: &str) -> Option<Range<usize>> {
    let mut found = None;
    each(raw, ALL_BASE64, &mut |v| {
        if found.is_none() {
            let hay = fold(&v.text);
            found = memchr::memmem::find(&hay, &fold(secret.as_bytes()))
                .map(|at| v.raw(at..at + secret.len()));
        }
    });
    found
}

#[test]
fn every_encoding_decodes_to_the_secret() {
    let secret = "p&\"<>+/= %é\\";
    for raw in [
        "p&amp;&quot;&lt;&gt;+/= %&#233;\\",
        "p&amp;\"&lt;>+/= %é\\",
        "p&#38;&#34;&#x3C;&#x3e;+/= %é\\",
        "p&\\\"<>+/= %\\u00e9\\\\",
        "p%26%22%3c%3E%2B%2F%3D+%25%C3%A9%5C",
        "P&\"<>+/= %É\\",
        "\\\"p&amp;&quot;&lt;&gt;+/= %é\\\\\\\"",
    ] {
        assert!(
            seen(raw.as_bytes(), secret).is_some(),
            "{raw}: {:?}",
            texts(raw.as_bytes())
        );
    }
}

#[test]
fn base64_inside_a_longer_run_maps_back_to_its_characters() {
    use base64::Engine;
    for engine in [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ] {
        for prefix in ["", "x", "xy", "xyz"] {
            let b = engine.encode(format!("{prefix}session;p&\"<>+/= %é\\;end"));
            let raw = format!("<a>{b}</a>");
            let r = seen(raw.as_bytes(), "p&\"<>+/= %é\\").expect(&raw);
            assert!(r.start >= 3 && r.end <= 3 + b.len(), "{r:?} {raw}");
        }
    }
}

#[test]
fn chunked_and_gzip_bodies_are_seen_whole() {
    let body = b"<x>hello s3cret-pass</x>";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, body).expect("gzip");
    let gz = gz.finish().expect("gzip");
    let head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    let mut chunked = head.clone();
    for c in body.chunks(7) {
        chunked.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        chunked.extend_from_slice(c);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert!(seen(&chunked, "s3cret-pass").is_some());
    let mut zipped = head.clone();
    zipped.extend_from_slice(format!("{:x}\r\n", 10).as_bytes());
    zipped.extend_from_slice(&gz[..10]);
    zipped.extend_from_slice(format!("\r\n{:x}\r\n", gz.len() - 10).as_bytes());
    zipped.extend_from_slice(&gz[10..]);
    zipped.extend_from_slice(b"\r\n0\r\n\r\n");
    assert!(seen(&zipped, "s3cret-pass").is_some());
    assert!(seen(&gz, "S3CRET-PASS").is_some());
}
