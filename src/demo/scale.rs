//! Generated databases at the sizes of DESIGN §10, for benchmarks and for trying the program
//! on a realistic load: "municipal" (2,000 requirements, 300 procurements, 500 suppliers,
//! 5,000 reviews) and "national" (100,000 / 10,000 / 20,000 / 200,000), each with one more
//! procurement: a published tender of a thousand lines (`BIG_TENDER`). The content is
//! deterministic (a fixed pseudo-random sequence), Swedish-like, and valid under every rule
//! of the domain: org numbers pass the Luhn check, reviews follow their schedules.

use chrono::Duration;
use serde::Serialize;

use crate::domain::org_number::luhn_check_digit;
use crate::domain::procurement::AboveAmbition;
use crate::domain::{
    AiRisk, AiUse, ClassLevel, Clause, Condition, Contract, Country, Kind, Level, OrgNumber,
    PersonalData, Preset, Procedure, Procurement, Profile, Requirement, RequirementId,
    RequirementSet, Risk, SetId, SetVersion, Source, Status, Supplier, Text, Tier,
};
use crate::store::contracts::NewContract;
use crate::store::prelude::*;
use crate::store::{Entity, Result, Store, StoreError, Tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scale {
    pub requirements: usize,
    pub procurements: usize,
    pub suppliers: usize,
    pub reviews: usize,
}

impl Scale {
    pub const MUNICIPAL: Scale = Scale {
        requirements: 2_000,
        procurements: 300,
        suppliers: 500,
        reviews: 5_000,
    };
    pub const NATIONAL: Scale = Scale {
        requirements: 100_000,
        procurements: 10_000,
        suppliers: 20_000,
        reviews: 200_000,
    };

    pub fn from_name(name: &str) -> Option<Scale> {
        match name {
            "municipal" => Some(Scale::MUNICIPAL),
            "national" => Some(Scale::NATIONAL),
            _ => None,
        }
    }
}

/// Requirements per generated set.
const PER_SET: usize = 50;

/// A small deterministic generator (xorshift64*), so every run builds the same database.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| self.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const WORDS: &[&str] = &[
    "leverantören",
    "ska",
    "säkerställa",
    "att",
    "köparens",
    "uppgifter",
    "behandlas",
    "inom",
    "överenskommen",
    "tid",
    "och",
    "dokumenteras",
    "skriftligt",
    "samt",
    "redovisas",
    "årligen",
    "för",
    "personuppgifter",
    "säkerhetskopior",
    "loggar",
    "åtkomst",
    "underleverantörer",
    "förändringar",
    "meddelas",
    "i",
    "förväg",
    "tjänsten",
    "avtalet",
    "granskning",
    "övervakning",
    "återställning",
    "informationsklassning",
    "tillgänglighet",
    "uppföljning",
    "rapportering",
    "kryptering",
    "nycklar",
    "förvaras",
    "hos",
    "köparen",
    "varje",
    "månad",
    "kvartal",
    "behörighet",
];

const TITLES: &[&str] = &[
    "Lagring av",
    "Åtkomst till",
    "Rapportering av",
    "Granskning av",
    "Skydd av",
    "Export av",
    "Radering av",
    "Loggning av",
    "Förteckning över",
    "Överföring av",
    "Återställning av",
];

const OBJECTS: &[&str] = &[
    "personuppgifter",
    "säkerhetskopior",
    "ärendedata",
    "behörigheter",
    "loggar",
    "underleverantörer",
    "AI-modeller",
    "incidenter",
    "dokument",
    "metadata",
    "driftmiljöer",
];

const TAGS: &[&str] = &[
    "cloud",
    "gdpr",
    "security",
    "location",
    "exit",
    "follow-up",
    "ai",
    "logging",
    "audit",
    "retention",
];

fn invalid(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

fn condition(rng: &mut Rng) -> Condition {
    let level = ClassLevel::new(u8::try_from(rng.below(4)).unwrap_or(0));
    match rng.below(6) {
        0 => Condition::one(Clause {
            personal_data: Some(PersonalData::Ordinary),
            ..Clause::default()
        }),
        1 => Condition::one(Clause {
            confidentiality_min: level,
            ..Clause::default()
        }),
        2 => Condition::one(Clause {
            secrecy: Some(true),
            ..Clause::default()
        }),
        3 => Condition::one(Clause {
            ai: Some(crate::domain::AiCondition::Any),
            ..Clause::default()
        }),
        _ => Condition::always(),
    }
}

fn requirement(rng: &mut Rng, set_no: usize, n: usize) -> Result<Requirement> {
    let kind = [
        Kind::Qualification,
        Kind::Mandatory,
        Kind::Mandatory,
        Kind::Evaluated,
        Kind::ContractTerm,
    ][rng.below(5)];
    let title = format!("{} {}", rng.pick(TITLES), rng.pick(OBJECTS));
    let text = format!("Leverantören ska {}.", rng.words(60));
    Ok(Requirement {
        id: RequirementId::parse(&format!("GEN{set_no:05}-{n:02}")).map_err(invalid)?,
        kind,
        level: [None, Some(Level::Basic), Some(Level::Advanced)][rng.below(3)],
        title: Text::new(title.clone(), format!("{title} (en)")),
        text: Text::new(text.clone(), text),
        rationale: Text::sv(rng.words(25)),
        basis: vec!["GDPR art. 28.3".into(), "LOU 17 kap. 1 §".into()],
        applies_when: condition(rng),
        evidence: Text::sv(rng.words(15)),
        follow_up: Text::sv(rng.words(15)),
        weight: (kind == Kind::Evaluated).then_some(10),
        risk: Some(Risk {
            likelihood: 1 + u8::try_from(rng.below(4)).unwrap_or(0),
            consequence: 1 + u8::try_from(rng.below(4)).unwrap_or(0),
        }),
        see: Vec::new(),
        applies_from: None,
        tags: (0..3).map(|_| rng.pick(TAGS).to_string()).collect(),
    })
}

fn org_number(i: usize) -> Result<OrgNumber> {
    let nine = format!("55{:07}", i % 10_000_000);
    let digits: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
    OrgNumber::parse(&format!("{nine}{}", luhn_check_digit(&digits))).map_err(invalid)
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Generated {
    pub sets: usize,
    pub requirements: usize,
    pub procurements: usize,
    pub suppliers: usize,
    pub contracts: usize,
    pub reviews: usize,
    /// The lines of the published tender `BIG_TENDER` (none at small scales).
    pub tender_lines: usize,
}

/// The generated published tender of at least `BIG_TENDER_LINES` lines, which the export
/// benchmark writes in every format.
pub const BIG_TENDER: &str = "KS 2026/1000";
const BIG_TENDER_LINES: usize = 1_000;

/// Rows written per transaction: small enough that the write-ahead log stays small, large
/// enough that commits do not dominate.
const CHUNK: usize = 500;

/// Fills an empty database to `scale`. Unlike the sample demo this commits in chunks (a
/// national database in one transaction would need gigabytes of write-ahead log); an
/// interrupted run leaves a partial database, to be deleted and generated again.
pub fn generate(store: &mut Store, scale: Scale) -> Result<Generated> {
    if store.has_user_data()? {
        return Err(StoreError::NotEmpty);
    }
    store.bulk_load(|store| fill(store, scale))
}

fn fill(store: &mut Store, scale: Scale) -> Result<Generated> {
    let mut g = Generator {
        rng: Rng(0x9E37_79B9_7F4A_7C15),
        out: Generated::default(),
    };
    let builtin: i64 = store.sets()?.iter().map(|s| s.requirements).sum();
    let wanted = scale
        .requirements
        .saturating_sub(usize::try_from(builtin).unwrap_or(0));
    let n_sets = wanted.div_ceil(PER_SET);
    let mut set_ids = Vec::new();
    for chunk in (0..n_sets).collect::<Vec<_>>().chunks(CHUNK / PER_SET * 10) {
        set_ids.extend(store.write(|tx| g.sets(tx, chunk, wanted))?);
    }
    for chunk in (0..scale.procurements).collect::<Vec<_>>().chunks(CHUNK) {
        store.write(|tx| g.procurements(tx, chunk, &set_ids))?;
    }
    g.out.tender_lines = store.write(|tx| g.big_tender(tx, &set_ids))?;
    let per = scale.reviews.div_ceil(scale.suppliers.max(1)).max(1);
    for chunk in (0..scale.suppliers).collect::<Vec<_>>().chunks(CHUNK) {
        store.write(|tx| g.suppliers_with_contracts(tx, chunk, per))?;
    }
    let (_, _, reviews) = store.counts()?;
    g.out.reviews = usize::try_from(reviews).unwrap_or(0);
    Ok(g.out)
}

struct Generator {
    rng: Rng,
    out: Generated,
}

impl Generator {
    fn sets(&mut self, tx: &Tx, chunk: &[usize], wanted: usize) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for &s in chunk {
            let n = PER_SET.min(wanted - s * PER_SET);
            let reqs = (1..=n)
                .map(|i| requirement(&mut self.rng, s, i))
                .collect::<Result<Vec<_>>>()?;
            let set = RequirementSet {
                id: SetId::parse(&format!("gen-{s:05}")).map_err(invalid)?,
                version: SetVersion::parse("1").map_err(invalid)?,
                title: Text::new(
                    format!("Genererat kravpaket {s}"),
                    format!("Generated set {s}"),
                ),
                description: Text::sv("Genererat för prestandamätning."),
                sources: vec![Source {
                    name: "Generator".into(),
                    reference: String::new(),
                }],
                dates: Vec::new(),
                requirements: reqs,
            };
            tx.import_set(&set)?;
            self.out.sets += 1;
            self.out.requirements += n;
            ids.push(set.id.to_string());
        }
        Ok(ids)
    }

    fn profile(&mut self) -> Profile {
        let level = |r: &mut Rng| {
            ClassLevel::new(u8::try_from(r.below(4)).unwrap_or(0)).unwrap_or_default()
        };
        Profile {
            confidentiality: level(&mut self.rng),
            integrity: level(&mut self.rng),
            availability: level(&mut self.rng),
            personal_data: [
                PersonalData::None,
                PersonalData::Ordinary,
                PersonalData::Sensitive,
            ][self.rng.below(3)],
            secrecy: self.rng.below(3) == 0,
            ai: [AiUse::None, AiUse::None, AiUse::System][self.rng.below(3)],
            ai_risk: [AiRisk::Minimal, AiRisk::Limited, AiRisk::HighAnnex3][self.rng.below(3)],
            tier: [Tier::A, Tier::B, Tier::C][self.rng.below(3)],
            ..Profile::default()
        }
    }

    fn procurements(&mut self, tx: &Tx, chunk: &[usize], sets: &[String]) -> Result<()> {
        let today = tx.today();
        for &i in chunk {
            let p = Procurement {
                reference: format!("KS {}/{}", 2020 + i % 7, 100 + i),
                title: format!("{} {}", rng_title(&mut self.rng), i),
                owner: [
                    "Maria Lindqvist",
                    "Johan Berg",
                    "Sara Nilsson",
                    "Ahmed Karimi",
                ][i % 4]
                    .into(),
                procedure: Procedure::Open,
                status: Status::Draft,
                profile: self.profile(),
                deadline: Some(today + Duration::days(i64::try_from(i % 120).unwrap_or(0))),
                published_on: None,
                weight_total: None,
                scoring: Default::default(),
            };
            let id = tx.create_procurement(&p)?;
            let mut lines = 0;
            for k in 0..2 {
                if let Some(set) = sets.get((i * 2 + k) % sets.len().max(1)) {
                    lines += tx.link_set(id, set, AboveAmbition::LeaveOut)?;
                }
            }
            // Two thirds are published, a sixth go on to award; publishing needs lines.
            if lines > 0 && i % 3 != 0 {
                let to: &[Status] = if i % 6 == 1 {
                    &[Status::Published, Status::Evaluation, Status::Awarded]
                } else {
                    &[Status::Published]
                };
                let mut revision = tx
                    .procurement(id)?
                    .ok_or(StoreError::NotFound {
                        entity: Entity::Procurement,
                        id: p.reference.clone(),
                    })?
                    .revision;
                for s in to {
                    revision = tx.transition(id, revision, *s)?;
                }
            }
            self.out.procurements += 1;
        }
        Ok(())
    }

    /// One published tender of at least a thousand lines, linked from the generated sets until
    /// it has them, with a profile under which every generated condition holds.
    fn big_tender(&mut self, tx: &Tx, sets: &[String]) -> Result<usize> {
        if sets.len() * PER_SET < BIG_TENDER_LINES {
            return Ok(0);
        }
        let p = Procurement {
            reference: BIG_TENDER.into(),
            title: "Verksamhetssystem för hela kommunen, samlad upphandling".into(),
            owner: "Maria Lindqvist".into(),
            procedure: Procedure::Open,
            status: Status::Draft,
            profile: Profile {
                confidentiality: ClassLevel::new(3).unwrap_or_default(),
                personal_data: PersonalData::Ordinary,
                secrecy: true,
                ai: AiUse::System,
                ai_risk: AiRisk::Limited,
                ambition: Level::Advanced,
                ..Profile::default()
            },
            deadline: Some(tx.today() + Duration::days(60)),
            published_on: None,
            weight_total: None,
            scoring: Default::default(),
        };
        let id = tx.create_procurement(&p)?;
        let mut lines = 0;
        for set in sets {
            if lines >= BIG_TENDER_LINES {
                break;
            }
            lines += tx.link_set(id, set, AboveAmbition::LeaveOut)?;
        }
        let revision = tx.existing_procurement(id)?.revision;
        tx.transition(id, revision, Status::Published)?;
        self.out.procurements += 1;
        Ok(lines)
    }

    /// Suppliers, each with one contract that has a history of completed yearly reviews and
    /// one open review.
    fn suppliers_with_contracts(&mut self, tx: &Tx, chunk: &[usize], per: usize) -> Result<()> {
        let today = tx.today();
        for &i in chunk {
            let sid = tx.create_supplier(&Supplier {
                name: format!("{} {} AB", rng_title(&mut self.rng), i),
                org_number: Some(org_number(i)?),
                foreign_registration: String::new(),
                country: Country::sweden(),
                contact: String::new(),
                notes: String::new(),
            })?;
            self.out.suppliers += 1;
            // Started long enough ago for `per` yearly reviews to have fallen due.
            let start = today
                - Duration::days(
                    i64::try_from(365 * per).unwrap_or(0) - 200
                        + i64::try_from(i % 300).unwrap_or(0),
                );
            let cid = tx.create_contract(&NewContract {
                contract: Contract {
                    title: format!("Avtal {i}"),
                    reference: format!("AVT {i}"),
                    start,
                    end: None,
                    options: String::new(),
                    responsible: "Karin Ström".into(),
                    tier: Tier::B,
                    schedule: Preset::SkrB.schedule(),
                },
                supplier_id: sid,
                procurement_id: None,
            })?;
            self.out.contracts += 1;
            let mut open = tx.open_review(cid)?;
            for _ in 1..per {
                let Some(review) = open.take().filter(|r| r.value.due_on <= today) else {
                    break;
                };
                let due = review.value.due_on;
                open = tx
                    .complete_review(
                        review.id,
                        review.revision,
                        due,
                        "Genomförd utan avvikelser.",
                    )?
                    .next;
            }
        }
        Ok(())
    }
}

fn rng_title(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(TITLES), rng.pick(OBJECTS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;

    #[test]
    fn a_small_scale_is_generated_whole_and_valid() {
        let mut s = store();
        let small = Scale {
            requirements: 120,
            procurements: 12,
            suppliers: 10,
            reviews: 40,
        };
        let g = generate(&mut s, small).unwrap();
        assert_eq!(g.requirements, 120);
        assert_eq!(
            s.sets()
                .unwrap()
                .iter()
                .map(|x| x.requirements)
                .sum::<i64>(),
            120
        );
        assert_eq!(s.procurements().unwrap().len(), 12);
        assert_eq!(s.suppliers().unwrap().len(), 10);
        assert!(g.reviews >= 30, "{g:?}");
        let open = s
            .reviews(crate::store::reviews::ReviewFilter::Open)
            .unwrap();
        assert_eq!(open.len(), 10, "one open review per contract");
        assert!(matches!(generate(&mut s, small), Err(StoreError::NotEmpty)));
    }
}
