//! Byte spans of the values in a JSON text, by JSON pointer (`/log/entries/3/response/status`),
//! which serde_json does not give. Iterative, so deep nesting cannot overflow the stack; only
//! values down to `max_depth` are recorded. Meant for text that serde_json has accepted: on
//! anything else it stops and returns what it found so far.

use std::collections::HashMap;
use std::ops::Range;

pub type Spans = HashMap<String, Range<usize>>;

/// A container being read. `pointer` is `None` below `max_depth`, where nothing is recorded
/// and no pointer is built (a 100,000-deep array must not build 100,000 long strings).
enum Frame {
    Object {
        pointer: Option<String>,
        depth: usize,
        start: usize,
        key: Option<String>,
    },
    Array {
        pointer: Option<String>,
        depth: usize,
        start: usize,
        index: usize,
    },
}

impl Frame {
    /// The frame of a container opened by `{` or `[` at `start`.
    fn open(bracket: u8, pointer: Option<String>, depth: usize, start: usize) -> Frame {
        if bracket == b'{' {
            Frame::Object {
                pointer,
                depth,
                start,
                key: None,
            }
        } else {
            Frame::Array {
                pointer,
                depth,
                start,
                index: 0,
            }
        }
    }
}

/// The pointer and depth of the value about to start; `Err` when an object has no key.
fn child(stack: &mut [Frame], max_depth: usize) -> Result<(Option<String>, usize), ()> {
    match stack.last_mut() {
        None => Ok((Some(String::new()), 0)),
        Some(Frame::Object {
            pointer,
            depth,
            key,
            ..
        }) => {
            let k = key.take().ok_or(())?;
            let p = pointer
                .as_ref()
                .filter(|_| *depth < max_depth)
                .map(|p| format!("{p}/{}", escape(&k)));
            Ok((p, *depth + 1))
        }
        Some(Frame::Array {
            pointer,
            depth,
            index,
            ..
        }) => {
            let p = pointer
                .as_ref()
                .filter(|_| *depth < max_depth)
                .map(|p| format!("{p}/{index}"));
            *index += 1;
            Ok((p, *depth + 1))
        }
    }
}

pub fn spans(text: &str, max_depth: usize) -> Spans {
    let bytes = text.as_bytes();
    let mut out = Spans::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' => i += 1,
            b'{' | b'[' => {
                let Ok((pointer, depth)) = child(&mut stack, max_depth) else {
                    return out;
                };
                stack.push(Frame::open(b, pointer, depth, i));
                i += 1;
            }
            b'}' | b']' => {
                let Some(frame) = stack.pop() else {
                    return out;
                };
                let (pointer, start) = match frame {
                    Frame::Object { pointer, start, .. } | Frame::Array { pointer, start, .. } => {
                        (pointer, start)
                    }
                };
                if let Some(p) = pointer {
                    out.insert(p, start..i + 1);
                }
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i);
                // A string in an object with no key pending is a key.
                if let Some(Frame::Object { key, pointer, .. }) = stack.last_mut()
                    && key.is_none()
                    && next_non_ws(bytes, end) == Some(b':')
                {
                    let raw = &text[i..end];
                    *key = Some(if pointer.is_some() {
                        serde_json::from_str::<String>(raw)
                            .unwrap_or_else(|_| raw.trim_matches('"').to_string())
                    } else {
                        String::new()
                    });
                } else {
                    let Ok((pointer, _)) = child(&mut stack, max_depth) else {
                        return out;
                    };
                    if let Some(p) = pointer {
                        out.insert(p, i..end);
                    }
                }
                i = end;
            }
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|c| matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                    .map_or(bytes.len(), |p| i + p);
                let Ok((pointer, _)) = child(&mut stack, max_depth) else {
                    return out;
                };
                if let Some(p) = pointer {
                    out.insert(p, i..end.max(i + 1));
                }
                i = end.max(i + 1);
            }
        }
    }
    out
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The index just past the string starting at `start` (a `"`).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn next_non_ws(bytes: &[u8], from: usize) -> Option<u8> {
    bytes[from.min(bytes.len())..]
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_map_to_values() {
        let t = r#"{"log": {"entries": [{"time": 12.5, "response": {"status": 200,
            "headers": [{"name": "a/b", "value": "x\"y"}]}}, []]}}"#;
        let s = spans(t, 10);
        let at = |p: &str| &t[s[p].clone()];
        assert_eq!(at("/log/entries/0/time"), "12.5");
        assert_eq!(at("/log/entries/0/response/status"), "200");
        assert_eq!(at("/log/entries/0/response/headers/0/value"), r#""x\"y""#);
        assert_eq!(at("/log/entries/1"), "[]");
        assert!(at("/log/entries/0").starts_with("{\"time\""));
        assert_eq!(at(""), t);
    }

    #[test]
    fn depth_is_capped_and_nesting_is_safe() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let s = spans(&deep, 3);
        assert_eq!(s.len(), 4);
        assert!(spans("{\"a\": [1, 2", 5).contains_key("/a/0"));
    }
}
