//! `kravkoll demo`: a realistic sample for trying the program and for demonstrations. It loads
//! in one transaction (killed half-way, the database holds none of it) and only into a
//! database without user data. Dates are set relative to today, so the agenda always has
//! something overdue, something in progress and something coming up. `scale` generates
//! databases at municipal and national size for benchmarks.

mod cases;
pub mod scale;

use cases::{AI_SETS, CASE_SETS, PLATFORM_SETS, level, social_services};

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::domain::procurement::AboveAmbition;
use crate::domain::supplier::{ChangeKind, DEFAULT_NOTICE_DAYS, SubSupplierChange};
use crate::domain::{
    AiRisk, AiUse, CheckResult, Contract, ContractValue, CorrectiveAction, Country, Delivery,
    Evidence, EvidenceKind, Level, OrgNumber, PersonalData, Preset, Procedure, Procurement,
    Profile, Status, SubSupplier, SubSupplierStatus, Supplier, Text, Tier,
};
use crate::store::contracts::NewContract;
use crate::store::prelude::*;
use crate::store::{Entity, Record, Result, Store, StoreError, Tx};

/// What the demo put into the database.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DemoSummary {
    pub procurements: usize,
    pub lines: usize,
    pub suppliers: usize,
    pub sub_suppliers: usize,
    pub contracts: usize,
    pub reviews: usize,
}

/// Months as the demo counts them (30 days): close enough for dates relative to today.
fn months(n: i64) -> Duration {
    Duration::days(n * 30)
}

fn org(s: &str) -> Result<OrgNumber> {
    OrgNumber::parse(s).map_err(|e| StoreError::Invalid(e.to_string()))
}

pub fn load(store: &mut Store) -> Result<DemoSummary> {
    if store.has_user_data()? {
        return Err(StoreError::NotEmpty);
    }
    store.write(|tx| Demo::new(tx).run())
}

struct Demo<'t, 'c> {
    tx: &'t Tx<'c>,
    today: NaiveDate,
    sets: Vec<String>,
    summary: DemoSummary,
}

impl<'t, 'c> Demo<'t, 'c> {
    fn new(tx: &'t Tx<'c>) -> Self {
        Demo {
            tx,
            today: tx.today(),
            sets: Vec::new(),
            summary: DemoSummary::default(),
        }
    }

    fn day(&self, offset: i64) -> NaiveDate {
        self.today + Duration::days(offset)
    }

    fn run(mut self) -> Result<DemoSummary> {
        self.sets = self.tx.sets()?.into_iter().map(|s| s.id).collect();
        let suppliers = self.suppliers()?;
        self.draft_case_management()?;
        self.published_ai_procurement()?;
        let platform = self.awarded_platform()?;
        self.contracts(&suppliers, platform)?;
        Ok(self.summary)
    }

    fn link(&mut self, procurement: i64, sets: &[&str]) -> Result<()> {
        self.link_version(procurement, sets, None)
    }

    /// Links `sets` at `version` where the library has it (the published 2026.1 is embedded),
    /// else at the current version.
    fn link_version(
        &mut self,
        procurement: i64,
        sets: &[&str],
        version: Option<&str>,
    ) -> Result<()> {
        let version = version.and_then(|v| crate::domain::SetVersion::parse(v).ok());
        for set in sets.iter().filter(|s| self.sets.iter().any(|x| x == *s)) {
            let at = match &version {
                Some(v) if self.tx.has_version(set, v)? => Some(v),
                _ => None,
            };
            self.summary.lines +=
                self.tx
                    .link_set_version(procurement, set, at, AboveAmbition::LeaveOut)?;
        }
        Ok(())
    }

    fn procurement(&mut self, p: Procurement, sets: &[&str]) -> Result<i64> {
        // The demo tells a history: an awarded case's deadline is long past.
        let id = self.tx.record_procurement(&p)?;
        self.summary.procurements += 1;
        self.link(id, sets)?;
        Ok(id)
    }

    fn advance(&self, id: i64, to: &[Status]) -> Result<()> {
        let mut revision = self
            .tx
            .procurement(id)?
            .ok_or(StoreError::NotFound {
                entity: Entity::Procurement,
                id: id.to_string(),
            })?
            .revision;
        for status in to {
            revision = self.tx.transition(id, revision, *status)?;
        }
        Ok(())
    }

    /// A draft by the open procedure, its deadline `days` from today.
    fn case(
        &self,
        reference: &str,
        title: &str,
        owner: &str,
        profile: Profile,
        days: i64,
    ) -> Procurement {
        Procurement {
            reference: reference.into(),
            title: title.into(),
            owner: owner.into(),
            procedure: Procedure::Open,
            status: Status::Draft,
            profile,
            deadline: Some(self.day(days)),
            published_on: None,
            weight_total: None,
            scoring: Default::default(),
        }
    }

    /// A draft with tailored lines: one excluded, one sharpened. It was begun on the library
    /// of 2026.1, so it shows what 2026.2 changed.
    fn draft_case_management(&mut self) -> Result<()> {
        let profile = social_services();
        let case = self.case(
            "KS 2026/118",
            "Verksamhetssystem för socialtjänsten",
            "Maria Lindqvist",
            profile,
            45,
        );
        let id = self.tx.record_procurement(&case)?;
        self.summary.procurements += 1;
        self.link_version(id, CASE_SETS, Some("2026.1"))?;
        let lines = self.tx.lines(id)?;
        if let Some(Record {
            id: line_id,
            revision,
            value: mut line,
        }) = lines.first().cloned()
        {
            let sv = format!(
                "{} Detta gäller även Exempelstads kommunala bolag som avropar från avtalet.",
                line.text.sv
            );
            let en = format!(
                "{} This also applies to the municipal companies of Exempelstad that call off the contract.",
                line.text.en
            );
            line.edit_text(Text::new(sv, en));
            self.tx.update_line(line_id, revision, &line)?;
        }
        if let Some(Record {
            id: line_id,
            revision,
            value: mut line,
        }) = lines.last().cloned()
        {
            line.included = false;
            self.tx.update_line(line_id, revision, &line)?;
        }
        Ok(())
    }

    fn published_ai_procurement(&mut self) -> Result<()> {
        // The same kind of data as the case-management system, with an AI system that prepares
        // decisions about individuals (high risk, Annex III).
        let profile = Profile {
            ai: AiUse::System,
            ai_risk: AiRisk::HighAnnex3,
            automated_decisions: true,
            ambition: Level::Basic,
            ..social_services()
        };
        let sets: Vec<&str> = CASE_SETS.iter().chain(AI_SETS).copied().collect();
        let case = self.case(
            "KS 2026/87",
            "AI-stöd för handläggning av ekonomiskt bistånd",
            "Johan Berg",
            profile,
            21,
        );
        let id = self.procurement(case, &sets)?;
        self.advance(id, &[Status::Published])
    }

    fn awarded_platform(&mut self) -> Result<i64> {
        let profile = Profile {
            confidentiality: level(2),
            integrity: level(2),
            availability: level(3),
            personal_data: PersonalData::Ordinary,
            processor: true,
            delivery: Delivery::Saas,
            citizen_facing: true,
            value: ContractValue::Above,
            tier: Tier::B,
            ..Profile::default()
        };
        let case = self.case(
            "KS 2024/240",
            "Drift och förvaltning av e-tjänsteplattform",
            "Sara Nilsson",
            profile,
            -500,
        );
        let id = self.procurement(case, PLATFORM_SETS)?;
        self.advance(
            id,
            &[Status::Published, Status::Evaluation, Status::Awarded],
        )?;
        Ok(id)
    }

    fn supplier(&mut self, name: &str, orgnr: &str, contact: &str) -> Result<i64> {
        self.summary.suppliers += 1;
        self.tx.create_supplier(&Supplier {
            name: name.into(),
            org_number: Some(org(orgnr)?),
            foreign_registration: String::new(),
            country: Country::sweden(),
            contact: contact.into(),
            notes: String::new(),
        })
    }

    /// A sub-supplier approved `approved` days from today: name, org. number, country, role,
    /// where it processes data.
    fn sub(
        &mut self,
        supplier: i64,
        (name, orgnr, country, role, location): (&str, Option<&str>, &str, &str, &str),
        approved: i64,
    ) -> Result<i64> {
        self.summary.sub_suppliers += 1;
        self.tx.add_sub_supplier(
            supplier,
            &SubSupplier {
                name: name.into(),
                org_number: orgnr.map(org).transpose()?,
                country: Country::parse(country).map_err(|e| StoreError::Invalid(e.to_string()))?,
                role: role.into(),
                processing_location: location.into(),
                approved_on: Some(self.day(approved)),
                status: SubSupplierStatus::Approved,
            },
        )
    }

    fn suppliers(&mut self) -> Result<[i64; 4]> {
        let molnkraft = self.molnkraft()?;
        let nordisk = self.nordisk()?;
        let norr = self.supplier(
            "Kommundata i Norr AB",
            "559288-4109",
            "Per Sundin, 070-000 00 00",
        )?;
        self.sub(
            norr,
            (
                "Lönedrift Umeå AB",
                Some("556401-1285"),
                "SE",
                "Lönekörningar",
                "Umeå",
            ),
            -450,
        )?;
        let tolk = self.supplier(
            "Tolk & Tillgänglighet Öst AB",
            "559312-7755",
            "kundtjanst@tolkost.example",
        )?;
        Ok([molnkraft, nordisk, norr, tolk])
    }

    /// A cloud supplier with a sub-supplier in Norway and a notified, undecided new one in the
    /// United Kingdom.
    fn molnkraft(&mut self) -> Result<i64> {
        let molnkraft = self.supplier(
            "Molnkraft Sverige AB",
            "556912-3457",
            "Anders Holm, avtal@molnkraft.example",
        )?;
        self.sub(
            molnkraft,
            (
                "Datacenter Mälardalen AB",
                Some("559104-8730"),
                "SE",
                "Drift och lagring",
                "Västerås och Eskilstuna",
            ),
            -600,
        )?;
        self.sub(
            molnkraft,
            (
                "Säker Backup Norden AS",
                None,
                "NO",
                "Säkerhetskopiering",
                "Oslo",
            ),
            -600,
        )?;
        let notice = SubSupplierChange::notified(
            ChangeKind::Added,
            "Global Helpdesk Ltd".into(),
            self.day(-10),
            DEFAULT_NOTICE_DAYS,
        );
        let helpdesk = SubSupplier {
            name: "Global Helpdesk Ltd".into(),
            org_number: None,
            country: Country::parse("GB").map_err(|e| StoreError::Invalid(e.to_string()))?,
            role: "Support på engelska utanför kontorstid".into(),
            processing_location: "Manchester".into(),
            approved_on: None,
            status: SubSupplierStatus::Proposed,
        };
        self.tx
            .notify_sub_supplier_change(molnkraft, &notice, None, Some(&helpdesk))?;
        self.summary.sub_suppliers += 1;
        Ok(molnkraft)
    }

    /// A case-management supplier whose summaries use a general-purpose AI model in France.
    fn nordisk(&mut self) -> Result<i64> {
        let nordisk = self.supplier(
            "Nordisk Ärendeteknik AB",
            "556677-2017",
            "Lena Ek, lena.ek@nordisk.example",
        )?;
        self.sub(
            nordisk,
            (
                "Datacenter Mälardalen AB",
                Some("559104-8730"),
                "SE",
                "Drift",
                "Västerås",
            ),
            -300,
        )?;
        self.sub(
            nordisk,
            (
                "Språkmodell Europa SAS",
                None,
                "FR",
                "AI-modell (GPAI) för textsammanfattning",
                "Paris",
            ),
            -300,
        )?;
        Ok(nordisk)
    }

    fn contract(&mut self, supplier: i64, procurement: Option<i64>, c: Contract) -> Result<i64> {
        self.summary.contracts += 1;
        self.tx.create_contract(&NewContract {
            contract: c,
            supplier_id: supplier,
            procurement_id: procurement,
        })
    }

    /// The contract's open review: (id, revision).
    fn open_review(&self, contract: i64) -> Result<(i64, i64)> {
        let review = self.tx.open_review(contract)?.ok_or(StoreError::NotFound {
            entity: Entity::Review,
            id: contract.to_string(),
        })?;
        Ok((review.id, review.revision))
    }

    fn contracts(&mut self, s: &[i64; 4], platform: i64) -> Result<()> {
        let [molnkraft, nordisk, norr, tolk] = *s;
        self.platform_contract(molnkraft, platform)?;
        self.permits_contract(nordisk)?;
        self.payroll_contract(norr)?;
        self.interpreting_contract(tolk)?;
        let (_, _, reviews) = self.tx.counts()?;
        self.summary.reviews = usize::try_from(reviews).unwrap_or_default();
        Ok(())
    }

    /// Tier B, a year and a half in: the first review was done, with a deviation whose
    /// corrective action is now late (red), and the next review is planned.
    fn platform_contract(&mut self, molnkraft: i64, platform: i64) -> Result<()> {
        let start = self.today - months(14);
        let c1 = self.contract(
            molnkraft,
            Some(platform),
            Contract {
                title: "Drift och förvaltning av e-tjänsteplattform".into(),
                reference: "KS 2024/240".into(),
                start,
                end: Some(start + months(48)),
                options: "2 × 12 månader".into(),
                responsible: "Sara Nilsson".into(),
                tier: Tier::B,
                schedule: Preset::SkrB.schedule(),
            },
        )?;
        let (review, rev) = self.open_review(c1)?;
        let rev = self.tx.start_review(review, rev, self.day(-62))?;
        self.record_checks(review, 3)?;
        let finding = self.tx.add_finding(review, None, "Underleverantörsförteckningen saknade Säker Backup Norden AS (säkerhetskopiering i Norge).")?;
        self.tx.add_corrective_action(finding, &CorrectiveAction {
            description: "Leverantören lämnar en fullständig förteckning med land och roll för varje underleverantör.".into(),
            owner: "Anders Holm, Molnkraft".into(),
            due_on: self.day(-12),
            done_on: None,
        })?;
        self.tx.complete_review(
            review,
            rev,
            self.day(-55),
            "Årlig uppföljning genomförd. En avvikelse: ofullständig underleverantörsförteckning.",
        )?;
        self.tx.add_evidence(
            c1,
            &Evidence {
                kind: EvidenceKind::Iso27001,
                reference: "Certifikat 2023-ISMS-4471".into(),
                received_on: Some(start),
                valid_until: Some(self.day(40)),
            },
        )?;
        self.tx.add_evidence(
            c1,
            &Evidence {
                kind: EvidenceKind::DataProcessingAgreement,
                reference: "PUB-avtal undertecknat, dnr KS 2024/240-31".into(),
                received_on: Some(start),
                valid_until: None,
            },
        )?;
        Ok(())
    }

    /// Tier A, in progress: checklist partly done, a deviation with an action on time.
    fn permits_contract(&mut self, nordisk: i64) -> Result<()> {
        let start = self.today - months(5);
        let c2 = self.contract(
            nordisk,
            None,
            Contract {
                title: "Ärendehantering för bygglov".into(),
                reference: "SBN 2025/61".into(),
                start,
                end: Some(start + months(36)),
                options: "1 × 24 månader".into(),
                responsible: "Ahmed Karimi".into(),
                tier: Tier::A,
                schedule: Preset::SkrA.schedule(),
            },
        )?;
        let (review, rev) = self.open_review(c2)?;
        self.tx.start_review(review, rev, self.day(-3))?;
        let finding = self.tx.add_finding(
            review,
            None,
            "Penetrationstestrapporten för året har inte lämnats.",
        )?;
        self.tx.add_corrective_action(
            finding,
            &CorrectiveAction {
                description:
                    "Leverantören lämnar sammanfattning av årets penetrationstest med åtgärdsplan."
                        .into(),
                owner: "Lena Ek, Nordisk Ärendeteknik".into(),
                due_on: self.day(20),
                done_on: None,
            },
        )?;
        self.tx.add_evidence(
            c2,
            &Evidence {
                kind: EvidenceKind::PenetrationTest,
                reference: String::new(),
                received_on: None,
                valid_until: None,
            },
        )?;
        Ok(())
    }

    /// Adda model: the first review, six months in, was never done: overdue.
    fn payroll_contract(&mut self, norr: i64) -> Result<()> {
        let start = self.today - months(8);
        self.contract(
            norr,
            None,
            Contract {
                title: "Lönesystem (avrop Adda)".into(),
                reference: "PA 2025/12".into(),
                start,
                end: Some(start + months(48)),
                options: String::new(),
                responsible: "Karin Ström".into(),
                tier: Tier::B,
                schedule: Preset::Adda.schedule(),
            },
        )?;
        Ok(())
    }

    /// Tier C, recent: first review planned two years out, counted from completion.
    fn interpreting_contract(&mut self, tolk: i64) -> Result<()> {
        let start = self.today - months(2);
        let mut schedule = Preset::SkrC.schedule();
        schedule.mode = crate::domain::Mode::AfterCompletion;
        self.contract(
            tolk,
            None,
            Contract {
                title: "Tolkförmedling och skrivtolkning".into(),
                reference: "SOC 2026/9".into(),
                start,
                end: Some(start + months(24) + Duration::days(60)),
                options: String::new(),
                responsible: "Eva Holmberg".into(),
                tier: Tier::C,
                schedule,
            },
        )?;
        Ok(())
    }

    fn record_checks(&self, review: i64, n: usize) -> Result<()> {
        for (i, item) in self.tx.checklist(review)?.into_iter().take(n).enumerate() {
            let (result, note) = if i == 0 {
                (CheckResult::Deviation, "Förteckningen ofullständig.")
            } else {
                (
                    CheckResult::Compliant,
                    "Kontrollerat mot leverantörens redovisning.",
                )
            };
            self.tx
                .record_check(item.id, item.revision, result, note, "Egenredovisning 2026")?;
        }
        Ok(())
    }
}
