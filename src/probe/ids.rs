//! Identifiers the probe makes up: EchoTokens (uppercase UUID shape, as the walkthrough has
//! them), correlation ids (32 lowercase hex), traveller UUIDs. Not secrets; `--seed` makes them
//! reproducible. None of them holds a secret shorter than six characters: the write gate
//! removes those wherever they stand, and an identifier cut by a marker would no longer
//! correlate a request with its answer.

pub struct Ids {
    rng: fastrand::Rng,
    /// Lowercase texts no identifier may contain (the short secrets).
    avoid: Vec<String>,
}

impl Ids {
    pub fn new(seed: Option<u64>) -> Ids {
        Ids {
            rng: seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed),
            avoid: Vec::new(),
        }
    }

    /// The same, making no identifier that contains one of `texts` (compared case-folded).
    pub fn avoiding(mut self, texts: Vec<String>) -> Ids {
        self.avoid = texts.into_iter().map(|t| t.to_lowercase()).collect();
        self
    }

    /// A fresh identifier from `make` that holds none of the texts to avoid (drawn again; after
    /// many draws, as with a one-character secret, the last one is taken: the gate removes it).
    fn fresh(&mut self, make: fn(&mut Ids) -> String) -> String {
        let mut id = make(self);
        for _ in 0..1000 {
            let folded = id.to_lowercase();
            if !self.avoid.iter().any(|a| folded.contains(a.as_str())) {
                break;
            }
            id = make(self);
        }
        id
    }

    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit(self.rng.u32(0..16), 16).unwrap_or('0'))
            .collect()
    }

    /// `8-4-4-4-12` lowercase hex, version 4 shaped.
    pub fn uuid(&mut self) -> String {
        self.fresh(Ids::raw_uuid)
    }

    fn raw_uuid(&mut self) -> String {
        let variant = ['8', '9', 'a', 'b'][self.rng.usize(0..4)];
        format!(
            "{}-{}-4{}-{variant}{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(3),
            self.hex(3),
            self.hex(12)
        )
    }

    pub fn echo_token(&mut self) -> String {
        self.uuid().to_ascii_uppercase()
    }

    pub fn correlation(&mut self) -> String {
        self.fresh(|ids| ids.hex(32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_their_shapes_and_repeat_with_a_seed() {
        let mut a = Ids::new(Some(42));
        let u = a.uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(u.as_bytes()[14], b'4');
        assert!(
            a.correlation()
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        let e = a.echo_token();
        assert_eq!(e, e.to_ascii_uppercase());
        assert_eq!(Ids::new(Some(42)).uuid(), u);
    }

    #[test]
    fn no_identifier_holds_a_short_secret() {
        // "737" (a CVV) stands in about one id in twenty of 32 hex digits: a thousand of each
        // kind, none holding it, and the seed still repeats them.
        let mut ids = Ids::new(Some(7)).avoiding(vec!["737".into(), "Ab".into()]);
        let mut made = Vec::new();
        for _ in 0..1000 {
            made.push(ids.correlation());
            made.push(ids.uuid());
            made.push(ids.echo_token());
        }
        assert!(made.iter().all(|id| {
            let id = id.to_lowercase();
            !id.contains("737") && !id.contains("ab")
        }));
        let mut again = Ids::new(Some(7)).avoiding(vec!["737".into(), "Ab".into()]);
        assert_eq!(again.correlation(), made[0]);
    }
}
