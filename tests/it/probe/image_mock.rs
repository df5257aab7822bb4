//! The mock supplier's image host (`--check-images`): with [`Behaviour::Images`] planned under
//! `images`, the mock's answers link its own images (`http://127.0.0.1:PORT/images/NAME`, the
//! first as HS4's lead image, all in HS4 `mediaItems` and HS2 `ImageItem`s) and serve them on
//! GET. What a name serves: `missing…` a 404, `page…` an HTML page under 200, `endless…` a PNG
//! that never ends, `big-chunked…` a chunked 2 MiB JPEG, `…png` a PNG, anything else a JPEG.

use std::io::Write;
use std::sync::Mutex;

use serde_json::{Value, json};

use super::mock::{MockState, Received};

/// The name of an image GET (`GET /images/NAME HTTP/1.1`).
fn requested(head: &str) -> Option<String> {
    let line = head.lines().next()?;
    let path = line.strip_prefix("GET ")?.split_whitespace().next()?;
    path.strip_prefix("/images/").map(str::to_string)
}

/// The URLs of the images the test planned, in order (none: the mock's own fixed URLs stay).
pub fn urls(state: &Mutex<MockState>) -> Vec<String> {
    let s = state.lock().expect("lock");
    s.images
        .iter()
        .map(|name| format!("http://127.0.0.1:{}/images/{name}", s.port))
        .collect()
}

/// The HS4 search or details answer with the planned images linked.
pub fn link_hs4(step: &str, json: &mut Value, state: &Mutex<MockState>) {
    let urls = urls(state);
    let Some(first) = urls.first() else {
        return;
    };
    let (list, key) = match step {
        "search" => ("hotelProperties", None),
        "details" => ("hotelDetailsList", Some("hotelDescriptiveInfo")),
        _ => return,
    };
    for item in json[list].as_array_mut().into_iter().flatten() {
        match key {
            None => item["leadImageURI"] = json!(first),
            Some(k) => {
                item[k]["mediaItems"] = urls
                    .iter()
                    .map(|u| json!({"type": "IMAGE", "category": 1, "url": u}))
                    .collect()
            }
        }
    }
}

/// The HS2 `ImageItem`s of hotel `code`'s descriptive info: the planned images, else the
/// mock's fixed one.
pub fn hs2_items(state: &Mutex<MockState>, code: &str) -> String {
    let urls = urls(state);
    if urls.is_empty() {
        return format!(
            "<ImageItem><ImageFormat><URL>https://images.example/{code}.jpg</URL></ImageFormat></ImageItem>"
        );
    }
    urls.iter()
        .map(|u| format!("<ImageItem><ImageFormat><URL>{u}</URL></ImageFormat></ImageItem>"))
        .collect()
}

/// Serves an image GET, logged as step `image:NAME`; `false` when the request is none.
pub fn serve<W: Write>(w: &mut W, head: &str, log: &Mutex<Vec<Received>>) -> bool {
    let Some(name) = requested(head) else {
        return false;
    };
    log.lock().expect("lock").push(Received {
        step: format!("image:{name}"),
        head: head.to_string(),
        body: String::new(),
    });
    respond(w, &name);
    let _ = w.flush();
    true
}

/// Serves one image; the connection closes after it.
fn respond<W: Write>(w: &mut W, name: &str) {
    const JPEG: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0,
    ];
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    let (status, mime, body): (&str, &str, &[u8]) = if name.starts_with("missing") {
        ("404 Not Found", "text/html", b"<html>no such image</html>")
    } else if name.starts_with("page") {
        ("200 OK", "text/html", b"<html><body>Welcome</body></html>")
    } else if name.ends_with("png") {
        ("200 OK", "image/png", PNG)
    } else {
        ("200 OK", "image/jpeg", JPEG)
    };
    if name.starts_with("big-chunked") {
        // A 2 MiB JPEG in 64 KiB chunks: more than the probe reads.
        let _ = w.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        let mut image = JPEG.to_vec();
        image.resize(2 << 20, 0x5A);
        for chunk in image.chunks(64 * 1024) {
            let _ = write!(w, "{:x}\r\n", chunk.len());
            let _ = w.write_all(chunk);
            let _ = w.write_all(b"\r\n");
        }
        let _ = w.write_all(b"0\r\n\r\n");
        return;
    }
    if name.starts_with("endless") {
        // No length, no end: until the client stops reading and the write fails.
        let _ =
            w.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n");
        let _ = w.write_all(PNG);
        let block = vec![0x5Au8; 64 * 1024];
        while w.write_all(&block).is_ok() {}
        return;
    }
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = w.write_all(head.as_bytes());
    let _ = w.write_all(body);
    let _ = w.flush();
}
