//! Where the payload of the error Concur uses is, shared by the payload rules so that they
//! agree on one answer per error: present (and checked by `payload-format`), in the other
//! place (`payload-misplaced`) or absent (`payload-missing`).

use std::ops::Range;

use roxmltree::Node;

use crate::document::{element_text, raw_span};
use crate::payload::PayloadFormat;
use crate::profile::CodeFacts;
use crate::rule::Context;
use crate::rule::PayloadLocation;

pub(crate) struct Site<'a, 'i> {
    pub error: Node<'a, 'i>,
    pub code: &'a str,
    pub facts: &'a CodeFacts,
    pub format: PayloadFormat,
    pub state: State,
}

pub(crate) enum State {
    /// The payload where the edition puts it: its text as written (white space at its ends is
    /// part of it, as Concur's `xs:string` reads it) and raw span.
    Present {
        value: String,
        span: Range<usize>,
        map: Option<Mapping>,
    },
    /// Nothing where the edition puts it, but a fitting payload in the other place.
    Misplaced { value: String, span: Range<usize> },
    /// Nothing where the edition puts it.
    Missing,
    /// Left to another rule (no `ShortText` at all, or an empty one, in the short-text edition).
    Elsewhere,
}

/// What is needed to map a range of the trimmed payload back to the source.
pub(crate) struct Mapping {
    raw: Range<usize>,
    decoded: String,
    trim_offset: usize,
}

impl State {
    /// The source span of a byte range of a present payload.
    pub fn token_span(&self, text: &str, range: Range<usize>) -> Option<Range<usize>> {
        let State::Present { span, map, .. } = self else {
            return None;
        };
        let Some(m) = map else {
            return Some(span.clone());
        };
        let r = range.start + m.trim_offset..range.end + m.trim_offset;
        Some(raw_span(&text[m.raw.clone()], m.raw.start, &m.decoded, r).unwrap_or(span.clone()))
    }
}

pub(crate) fn site<'a, 'i>(cx: &Context<'a, 'i>) -> Option<Site<'a, 'i>> {
    let error = cx.shape?.first_error()?;
    let code = error.attribute("Code")?;
    let facts = cx.facts.code(code)?;
    let format = facts.payload?;
    let units = &cx.facts.payload.units;
    let (content, content_span) = element_text(error);
    let content_trimmed = content.trim();
    let short = error.attribute_node("ShortText");
    let state = match cx.options.payload_location {
        PayloadLocation::Content => {
            if !content_trimmed.is_empty() {
                let span = content_span.unwrap_or_else(|| error.range());
                // Map only when the content is one text node; otherwise point at all of it.
                let single = error.children().filter(Node::is_text).count() == 1;
                let map = single.then(|| Mapping {
                    raw: span.clone(),
                    decoded: content.to_string(),
                    trim_offset: 0,
                });
                State::Present {
                    value: content.to_string(),
                    span,
                    map,
                }
            } else {
                match short.filter(|a| format.fits(a.value().trim(), units)) {
                    Some(a) => State::Misplaced {
                        value: a.value().trim().to_string(),
                        span: a.range_value(),
                    },
                    None => State::Missing,
                }
            }
        }
        PayloadLocation::ShortText => match short {
            None => State::Elsewhere,
            Some(a) if a.value().is_empty() => State::Elsewhere,
            Some(a) => {
                let value = a.value();
                if !format.fits(value.trim(), units)
                    && !content_trimmed.is_empty()
                    && format.fits(content_trimmed, units)
                {
                    State::Misplaced {
                        value: content_trimmed.to_string(),
                        span: content_span.unwrap_or_else(|| error.range()),
                    }
                } else {
                    State::Present {
                        value: value.to_string(),
                        span: a.range_value(),
                        map: Some(Mapping {
                            raw: a.range_value(),
                            decoded: value.to_string(),
                            trim_offset: 0,
                        }),
                    }
                }
            }
        },
    };
    Some(Site {
        error,
        code,
        facts,
        format,
        state,
    })
}

/// The help line that shows the payload in its place for this edition.
pub(crate) fn placement_help(cx: &Context, site: &Site) -> String {
    let example = site.format.example();
    let description = &site.facts.description;
    let code = site.code;
    let ty = site.facts.error_type.as_deref().unwrap_or("13");
    match cx.options.payload_location {
        PayloadLocation::Content => format!(
            "code {code} carries its payload in the element content ({}), e.g. \
             `<Error Type=\"{ty}\" Code=\"{code}\" ShortText=\"{description}\">{example}</Error>`",
            site.format.describe()
        ),
        PayloadLocation::ShortText => format!(
            "code {code} carries its payload in ShortText in the 2017 edition ({}), e.g. \
             `<Error Type=\"{ty}\" Code=\"{code}\" ShortText=\"{example}\"/>`",
            site.format.describe()
        ),
    }
}
