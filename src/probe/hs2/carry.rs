//! Reading what Concur carries from one HS2 answer into the next request (docs/probe.md, "The
//! steps" and "Bookings"), with the `rules/` path syntax: hotel codes from the search, the rate
//! to book from availability, the reservation ID from the booking, the cancellation number.

use roxmltree::{Document, Node};

use super::requests::Hotel;
use crate::document::{Shape, child, children, local};
use crate::selector::{Path, Target};

/// The OTA payload of an answer, and whether it is a success (a `Success` and no `Errors`).
pub fn payload<'a, 'i>(doc: &'a Document<'i>) -> Option<(Node<'a, 'i>, bool)> {
    let payload = Shape::payload_of(doc.root_element()).or_else(|| {
        let root = doc.root_element();
        local(root).starts_with("OTA_").then_some(root)
    })?;
    let success = child(payload, "Success").is_some() && child(payload, "Errors").is_none();
    Some((payload, success))
}

/// Values a path reaches below `root`: attribute values, or element texts.
pub fn values(root: Node, path: &str) -> Vec<String> {
    let Ok(path) = Path::parse(path) else {
        return Vec::new();
    };
    let parents = path.parents(root);
    match &path.target {
        Target::Attribute(name) => parents
            .iter()
            .filter_map(|p| p.attribute(name.as_str()))
            .map(str::to_string)
            .collect(),
        Target::Element(step) => parents
            .iter()
            .flat_map(|p| crate::selector::matching(*p, step))
            .map(|n| n.text().unwrap_or("").trim().to_string())
            .collect(),
    }
}

/// The first `n` properties of a search answer, in document order, and its session token.
pub fn search(payload: Node, n: usize) -> (Vec<Hotel>, Option<String>) {
    let hotels = child(payload, "Properties")
        .map(|ps| {
            children(ps, "Property")
                .filter_map(|p| {
                    Some(Hotel {
                        code: p
                            .attribute("HotelCode")
                            .filter(|c| !c.trim().is_empty())?
                            .to_string(),
                        chain: p.attribute("ChainCode").map(str::to_string),
                    })
                })
                .take(n)
                .collect()
        })
        .unwrap_or_default();
    (hotels, token(payload))
}

fn token(payload: Node) -> Option<String> {
    values(payload, "TPA_Extensions/SearchSessionToken")
        .into_iter()
        .find(|t| !t.is_empty())
}

/// The rate availability offers to book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub hotel: Hotel,
    pub rate_plan: String,
    pub guarantee: Option<String>,
    pub total: Option<String>,
}

/// The guarantee types a test card may be used for, best first; others (deposits, prepay)
/// would charge the card.
const GUARANTEES: &[&str] = &["CC/DC/Voucher", "GuaranteeRequired", "None"];

/// Picks the rate to book (docs/probe.md "Bookings"): among the hotels asked for, the first rate plan available
/// for sale with a room rate, by guarantee preference; `pinned` forces a rate plan id.
pub fn choose(payload: Node, asked: &[Hotel], pinned: Option<&str>) -> Option<Offer> {
    let mut offers: Vec<(usize, Offer)> = Vec::new();
    let stays = child(payload, "RoomStays")
        .into_iter()
        .flat_map(|r| children(r, "RoomStay"));
    for stay in stays {
        let code = child(stay, "BasicPropertyInfo").and_then(|b| b.attribute("HotelCode"));
        let Some(hotel) = asked.iter().find(|h| Some(h.code.as_str()) == code) else {
            continue;
        };
        let rates: Vec<Node> = child(stay, "RoomRates")
            .into_iter()
            .flat_map(|r| children(r, "RoomRate"))
            .collect();
        for plan in child(stay, "RatePlans")
            .into_iter()
            .flat_map(|r| children(r, "RatePlan"))
        {
            let Some(id) = plan.attribute("RatePlanID") else {
                continue;
            };
            let rate = rates.iter().find(|r| r.attribute("RatePlanID") == Some(id));
            let available = plan
                .attribute("AvailabilityStatus")
                .is_none_or(|s| s == "AvailableForSale");
            let guarantee = child(plan, "Guarantee")
                .and_then(|g| g.attribute("GuaranteeType"))
                .map(str::to_string);
            let offer = Offer {
                hotel: hotel.clone(),
                rate_plan: id.to_string(),
                total: rate
                    .and_then(|r| {
                        r.descendants()
                            .find(|d| d.is_element() && local(*d) == "Total")
                    })
                    .and_then(|t| t.attribute("AmountAfterTax"))
                    .map(str::to_string),
                guarantee,
            };
            if pinned == Some(id) {
                return Some(offer);
            }
            let rank = match offer.guarantee.as_deref() {
                None => Some(0),
                Some(g) => GUARANTEES.iter().position(|p| *p == g),
            };
            if let (Some(rank), true, true, None) = (rank, available, rate.is_some(), pinned) {
                offers.push((rank, offer));
            }
        }
    }
    offers.sort_by_key(|(rank, _)| *rank);
    offers.into_iter().next().map(|(_, o)| o)
}

/// `TPA_Extensions/@RateDetailsInd` of an availability answer: `false` means Concur calls
/// ratedetails before booking.
pub fn rate_details_ind(payload: Node) -> Option<bool> {
    values(payload, "TPA_Extensions/@RateDetailsInd")
        .first()
        .map(|v| v.trim() != "false")
}

/// What a booking answer gives back: the reservation ID (UniqueID 14, else the only UniqueID),
/// the modification code (1000) and ResResponseType.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Booked {
    pub reservation_id: Option<String>,
    pub modification: Option<String>,
    pub response_type: Option<String>,
}

pub fn booked(payload: Node) -> Booked {
    let reservation = "HotelReservations/HotelReservation";
    let typed = values(payload, &format!("{reservation}/UniqueID[@Type='14']/@ID"));
    let any = values(payload, &format!("{reservation}/UniqueID/@ID"));
    let untyped = payload
        .descendants()
        .filter(|n| n.is_element() && local(*n) == "UniqueID" && n.attribute("Type").is_none())
        .count();
    Booked {
        reservation_id: typed
            .into_iter()
            .next()
            .or_else(|| (any.len() == 1 && untyped == 1).then(|| any[0].clone()))
            .filter(|id| !id.trim().is_empty()),
        modification: values(
            payload,
            &format!("{reservation}/UniqueID[@Type='1000']/@ID"),
        )
        .into_iter()
        .next(),
        response_type: payload.attribute("ResResponseType").map(str::to_string),
    }
}

/// A cancel answer's cancellation number (UniqueID 15) when its status is `Cancelled`.
pub fn cancelled(payload: Node) -> Option<String> {
    (payload.attribute("Status") == Some("Cancelled"))
        .then(|| {
            values(payload, "UniqueID[@Type='15']/@ID")
                .into_iter()
                .next()
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/testdata/samples/hs2/conforming/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("sample")
    }

    #[test]
    fn values_are_carried_from_the_conforming_samples() {
        let text = sample("search.xml");
        let doc = Document::parse(&text).expect("xml");
        let (p, ok) = payload(&doc).expect("payload");
        assert!(ok);
        let (hotels, token) = search(p, 5);
        assert_eq!(
            hotels.iter().map(|h| h.code.as_str()).collect::<Vec<_>>(),
            ["HTL4444", "HTL5555"]
        );
        assert_eq!(hotels[0].chain.as_deref(), Some("ZZ"));
        assert_eq!(token, None);
        assert_eq!(search(p, 1).0.len(), 1, "only the first n");

        let text = sample("availability.xml");
        let doc = Document::parse(&text).expect("xml");
        let (p, _) = payload(&doc).expect("payload");
        let offer = choose(p, &hotels, None).expect("a bookable rate");
        assert_eq!(
            (offer.hotel.code.as_str(), offer.rate_plan.as_str()),
            ("HTL4444", "111")
        );
        assert_eq!(
            choose(p, &hotels[1..], None),
            None,
            "only hotels that were asked for"
        );
        assert_eq!(
            choose(p, &hotels, Some("999")),
            None,
            "a pinned rate that is not offered"
        );
        assert_eq!(rate_details_ind(p), None);

        let text = sample("reservation.xml");
        let doc = Document::parse(&text).expect("xml");
        let (p, _) = payload(&doc).expect("payload");
        let b = booked(p);
        assert_eq!(
            (b.reservation_id.as_deref(), b.response_type.as_deref()),
            (Some("RES12345"), Some("Committed"))
        );

        let text = sample("cancel.xml");
        let doc = Document::parse(&text).expect("xml");
        let (p, _) = payload(&doc).expect("payload");
        assert_eq!(cancelled(p).as_deref(), Some("CXL777"));
    }

    #[test]
    fn guarantees_that_would_charge_the_card_are_not_chosen() {
        let stay = |plan: &str, g: &str| {
            format!(
                "<RoomStay><RatePlans><RatePlan RatePlanID=\"{plan}\" AvailabilityStatus=\"AvailableForSale\"><Guarantee GuaranteeType=\"{g}\"/></RatePlan></RatePlans><RoomRates><RoomRate RatePlanID=\"{plan}\"/></RoomRates><BasicPropertyInfo HotelCode=\"H\"/></RoomStay>"
            )
        };
        let text = format!(
            "<OTA_HotelAvailRS><Success/><RoomStays>{}{}{}</RoomStays><TPA_Extensions RateDetailsInd=\"false\"/></OTA_HotelAvailRS>",
            stay("A", "Deposit"),
            stay("B", "None"),
            stay("C", "CC/DC/Voucher")
        );
        let doc = Document::parse(&text).expect("xml");
        let (p, _) = payload(&doc).expect("payload");
        let asked = [Hotel {
            code: "H".into(),
            chain: None,
        }];
        assert_eq!(
            choose(p, &asked, None).map(|o| o.rate_plan),
            Some("C".to_string())
        );
        assert_eq!(
            choose(p, &asked, Some("A")).map(|o| o.rate_plan),
            Some("A".to_string()),
            "a pinned rate is booked as asked"
        );
        assert_eq!(rate_details_ind(p), Some(false));
        let untyped = "<OTA_HotelResRS ResResponseType=\"Reserved\"><Success/><HotelReservations><HotelReservation><UniqueID ID=\"X-1\"/></HotelReservation></HotelReservations></OTA_HotelResRS>";
        let doc = Document::parse(untyped).expect("xml");
        let (p, _) = payload(&doc).expect("payload");
        assert_eq!(
            booked(p).reservation_id.as_deref(),
            Some("X-1"),
            "the only UniqueID, as Concur's own samples have it"
        );
    }
}
