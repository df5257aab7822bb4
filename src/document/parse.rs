//! The secure parse (no DTD, so no entity is ever expanded or fetched) and its errors,
//! named the way a person reads them.

use std::ops::Range;

use roxmltree::{Document, ParsingOptions};

use crate::diagnostic::LineIndex;

/// Why a document could not be parsed, at a byte span of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseFailure {
    pub message: String,
    pub span: Range<usize>,
}

pub fn parse(text: &str) -> Result<Document<'_>, ParseFailure> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| failure(text, &e))
}

fn failure(text: &str, e: &roxmltree::Error) -> ParseFailure {
    use roxmltree::Error as E;
    let trimmed = text.trim_end().len();
    match e {
        E::NoRootNode if text.trim().is_empty() => ParseFailure {
            message: "the document is empty".to_string(),
            span: 0..0,
        },
        E::NoRootNode | E::UnclosedRootNode => ParseFailure {
            message: if matches!(e, E::NoRootNode) {
                "the document ends before its root element is complete".to_string()
            } else {
                "the root element is never closed".to_string()
            },
            span: trimmed..trimmed,
        },
        _ => {
            let pos = e.pos();
            let offset = LineIndex::new(text).offset(pos.row as usize, pos.col as usize);
            let found = text[offset..].chars().next();
            let len = found.map_or(0, char::len_utf8);
            // roxmltree names the byte it found; name the character instead.
            let expected = match e {
                E::InvalidChar(expected, _, _) => Some(format!("`{}`", *expected as char)),
                E::InvalidChar2(expected, _, _) => Some((*expected).to_string()),
                _ => None,
            };
            match (e, expected, found) {
                (E::UnexpectedCloseTag(expected, actual, _), _, _) => {
                    // Point at the name in the close tag, as other parsers do.
                    let name = offset + 2;
                    let span = if text[offset..].starts_with("</") {
                        name..(name + actual.len()).min(text.len())
                    } else {
                        offset..offset + len
                    };
                    ParseFailure {
                        message: format!(
                            "the close tag `</{actual}>` does not match the open element `{expected}`"
                        ),
                        span,
                    }
                }
                (_, Some(expected), Some(found)) => ParseFailure {
                    message: format!("expected {expected}, found `{found}`{}", quote_hint(found)),
                    span: offset..offset + len,
                },
                _ => ParseFailure {
                    message: strip_position(&e.to_string()),
                    span: offset..offset + len,
                },
            }
        }
    }
}

/// Typographic quotes, pasted from a word processor, are a common cause of broken XML.
fn quote_hint(found: char) -> &'static str {
    match found {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2018}' | '\u{2019}' | '\u{00AB}'
        | '\u{00BB}' => " (a typographic quote; XML needs a straight `\"` or `'`)",
        _ => "",
    }
}

/// roxmltree's messages end in (or contain) ` at ROW:COL`; the span carries that already.
fn strip_position(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at ") {
        let tail = &rest[at + 4..];
        let digits = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(tail.len());
        if digits > 0 && tail[..digits].contains(':') {
            out.push_str(&rest[..at]);
            rest = &tail[digits..];
        } else {
            out.push_str(&rest[..at + 4]);
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_have_positions() {
        let e = parse("<a>\n  </b>").expect_err("mismatch");
        assert_eq!(e.span, 8..9, "the name in the close tag");
        let e = parse("<a x=\u{201D}1\u{201D}/>").expect_err("curly quote");
        assert!(
            e.message.contains("found `\u{201D}` (a typographic quote"),
            "{}",
            e.message
        );
        assert_eq!(e.span, 5..8);
        assert!(!e.message.contains(" at 2:"), "{}", e.message);
        assert_eq!(
            parse("  \n").expect_err("empty").message,
            "the document is empty"
        );
        assert_eq!(parse("<a><b>").expect_err("unclosed").span, 6..6);
    }
}
