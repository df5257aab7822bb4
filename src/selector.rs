//! The small path language of per-message requirements in `rules/*.toml`.
//!
//! A path walks child elements by local name from the response root, `/`-separated; a step may
//! filter on an attribute value (`UniqueID[@Type='14']`); the last step may be an attribute
//! (`@HotelCode`). Counts are `N`, `N..` or `N..M`.

use std::fmt;

use roxmltree::Node;

/// One element step, with an optional attribute filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    pub filter: Option<(String, String)>,
}

/// What the path ends in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Element(Step),
    Attribute(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// The elements leading to the target's parent.
    pub parents: Vec<Step>,
    pub target: Target,
    source: String,
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn parse_step(step: &str) -> Result<Step, String> {
    let (name, filter) = match step.split_once('[') {
        None => (step, None),
        Some((name, rest)) => {
            let inner = rest
                .strip_suffix(']')
                .ok_or_else(|| format!("`{step}`: a filter ends with `]`"))?;
            let (attr, value) = inner
                .strip_prefix('@')
                .and_then(|i| i.split_once('='))
                .ok_or_else(|| format!("`{step}`: a filter reads `[@Attribute='value']`"))?;
            let value = value
                .strip_prefix('\'')
                .and_then(|v| v.strip_suffix('\''))
                .ok_or_else(|| format!("`{step}`: quote the filter value with '"))?;
            if !is_name(attr) {
                return Err(format!("`{attr}` is not an attribute name"));
            }
            (name, Some((attr.to_string(), value.to_string())))
        }
    };
    if !is_name(name) {
        return Err(format!("`{name}` is not an element name"));
    }
    Ok(Step {
        name: name.to_string(),
        filter,
    })
}

impl Path {
    pub fn parse(source: &str) -> Result<Path, String> {
        let mut steps: Vec<&str> = source.split('/').collect();
        let last = steps.pop().unwrap_or_default();
        let parents = steps
            .into_iter()
            .map(parse_step)
            .collect::<Result<Vec<_>, _>>()?;
        let target = match last.strip_prefix('@') {
            Some(attr) if is_name(attr) => Target::Attribute(attr.to_string()),
            Some(attr) => return Err(format!("`{attr}` is not an attribute name")),
            None => Target::Element(parse_step(last)?),
        };
        Ok(Path {
            parents,
            target,
            source: source.to_string(),
        })
    }

    /// The nodes the target is looked for under, from `root`, in document order.
    pub fn parents<'a, 'i>(&self, root: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
        let mut set = vec![root];
        let mut next = Vec::new();
        for step in &self.parents {
            next.clear();
            for &node in &set {
                next.extend(matching(node, step));
            }
            std::mem::swap(&mut set, &mut next);
        }
        set
    }
}

/// The child elements of `node` that a step matches.
pub fn matching<'a, 'i>(node: Node<'a, 'i>, step: &Step) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| {
        c.is_element()
            && c.tag_name().name() == step.name
            && step
                .filter
                .as_ref()
                .is_none_or(|(a, v)| c.attribute(a.as_str()) == Some(v.as_str()))
    })
}

/// How many times something must occur.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub min: usize,
    pub max: Option<usize>,
}

impl Count {
    pub const AT_LEAST_ONE: Count = Count { min: 1, max: None };

    pub fn parse(s: &str) -> Result<Count, String> {
        let bad = || format!("`{s}` is not a count such as `1`, `1..` or `0..2`");
        let number = |t: &str| t.trim().parse::<usize>().map_err(|_| bad());
        match s.split_once("..") {
            None => {
                let n = number(s)?;
                Ok(Count {
                    min: n,
                    max: Some(n),
                })
            }
            Some((min, "")) => Ok(Count {
                min: number(min)?,
                max: None,
            }),
            Some((min, max)) => {
                let (min, max) = (number(min)?, number(max)?);
                if max < min {
                    return Err(bad());
                }
                Ok(Count {
                    min,
                    max: Some(max),
                })
            }
        }
    }

    pub fn allows(&self, n: usize) -> bool {
        n >= self.min && self.max.is_none_or(|m| n <= m)
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.max {
            Some(m) if m == self.min => write!(f, "exactly {m}"),
            Some(m) => write!(f, "{} to {m}", self.min),
            None => write!(f, "at least {}", self.min),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse() {
        let p = Path::parse("Properties/Property/@HotelCode").expect("valid");
        assert_eq!(p.parents.len(), 2);
        assert_eq!(p.target, Target::Attribute("HotelCode".into()));
        let p = Path::parse("UniqueID[@Type='14']").expect("valid");
        assert_eq!(
            p.target,
            Target::Element(Step {
                name: "UniqueID".into(),
                filter: Some(("Type".into(), "14".into()))
            })
        );
        for bad in ["", "a//b", "@", "a[@b=c]", "a[b='c']", "1x", "a/@b c"] {
            assert!(Path::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths_walk_children() {
        let doc = roxmltree::Document::parse(
            "<r><P><p c='1'/><p/></P><P><p c='2'/></P><U T='14'/><U T='15'/></r>",
        )
        .expect("xml");
        let root = doc.root_element();
        let p = Path::parse("P/p/@c").expect("valid");
        assert_eq!(p.parents(root).len(), 3);
        let u = Path::parse("U[@T='15']").expect("valid");
        let Target::Element(step) = &u.target else {
            panic!("element")
        };
        assert_eq!(matching(root, step).count(), 1);
    }

    #[test]
    fn counts_parse() {
        assert_eq!(
            Count::parse("1"),
            Ok(Count {
                min: 1,
                max: Some(1)
            })
        );
        assert_eq!(Count::parse("1.."), Ok(Count::AT_LEAST_ONE));
        assert_eq!(
            Count::parse("0..2"),
            Ok(Count {
                min: 0,
                max: Some(2)
            })
        );
        assert!(Count::parse("2..1").is_err());
        assert!(Count::parse("x").is_err());
        assert!(Count::parse("1").expect("valid").allows(1));
        assert!(!Count::parse("1").expect("valid").allows(2));
    }
}
