//! What the rules ask of a profile's facts beyond reading a field.

use super::data::{CodeFacts, Facts, MessageFacts};

impl Facts {
    pub fn message(&self, name: &str) -> Option<&MessageFacts> {
        self.messages.get(name)
    }

    /// The size limit of a response: its message's, or the profile's default.
    pub fn max_bytes_for(&self, name: &str) -> Option<u64> {
        self.message(name)
            .and_then(|m| m.max_bytes)
            .or(self.message.max_bytes)
    }

    /// The response that answers a request: as the data says, or `…RS` for `…RQ`.
    pub fn response_to(&self, request: &str) -> String {
        self.messages
            .iter()
            .find(|(_, m)| m.answers.iter().any(|a| a == request))
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| match request.strip_suffix("RQ") {
                Some(stem) => format!("{stem}RS"),
                None => request.to_string(),
            })
    }

    pub fn code(&self, code: &str) -> Option<&CodeFacts> {
        self.codes.get(code)
    }

    /// The name of an error type, or empty for a type the profile does not list.
    pub fn type_name(&self, ty: &str) -> &str {
        self.types.get(ty).map_or("", |t| t.name.as_str())
    }

    /// The codes listed for an error type, in data order.
    pub fn codes_for_type<'a>(&'a self, ty: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.codes
            .iter()
            .filter(move |(_, c)| c.error_type.as_deref() == Some(ty))
            .map(|(code, _)| code.as_str())
    }
}

#[cfg(test)]
mod tests {
    use crate::profile::{Profile, ProfileSet};

    #[test]
    fn embedded_data_loads() {
        let set = ProfileSet::load(&[]).expect("embedded rules data");
        let hs2 = set.facts(Profile::Hs2);
        assert_eq!(hs2.codes_for_type("1").collect::<Vec<_>>(), ["188"]);
        assert_eq!(hs2.codes_for_type("13").count(), 9);
        let matches = |p: Profile, code| {
            set.facts(p)
                .errors
                .code_pattern
                .as_ref()
                .expect("pattern")
                .is_match(code)
        };
        assert!(matches(Profile::Hs2, "188A"));
        assert!(!matches(Profile::Hs1, "188A"));
        let xx1 = set
            .facts(Profile::Xx1)
            .infogroup
            .code_pattern
            .as_ref()
            .expect("pattern");
        assert!(xx1.is_match("XX01004") && !xx1.is_match("X01004"));
        assert_eq!(hs2.type_name("13"), "Application error");
        assert_eq!(hs2.type_name("99"), "");
    }

    #[test]
    fn message_data_is_read() {
        let set = ProfileSet::load(&[]).expect("embedded rules data");
        let hs2 = set.facts(Profile::Hs2);
        assert_eq!(hs2.response_to("OTA_ReadRQ"), "OTA_HotelResRS");
        assert_eq!(hs2.response_to("OTA_PingRQ"), "OTA_PingRS");
        assert_eq!(hs2.max_bytes_for("OTA_HotelSearchRS"), Some(1_000_000));
        assert_eq!(hs2.max_bytes_for("OTA_CancelRS"), Some(150_000));
    }
}
