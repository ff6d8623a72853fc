//! The words the document builder puts into the document itself: section titles and
//! introductions, the answers, the weights and the evaluation model, in Swedish and English.

use super::model::SectionKind;
use crate::domain::{Lang, Scoring};

pub struct Words {
    pub lang: Lang,
    pub met: &'static str,
    pub not_met: &'static str,
    pub accepted: &'static str,
    pub exclusion_group: &'static str,
    pub own_group: &'static str,
    pub own_origin: &'static str,
    pub modified_origin: &'static str,
    pub amended_origin: &'static str,
    pub details_amended: &'static str,
}

const SV: Words = Words {
    lang: Lang::Sv,
    met: "Uppfylls",
    not_met: "Uppfylls ej",
    accepted: "Accepteras",
    exclusion_group: "Uteslutningsgrunder",
    own_group: "Övriga krav",
    own_origin: "eget krav",
    modified_origin: "ändrad lokalt",
    amended_origin: "rättad efter publicering",
    details_amended: "Upphandlingens uppgifter",
};

const EN: Words = Words {
    lang: Lang::En,
    met: "Yes",
    not_met: "No",
    accepted: "Accepted",
    exclusion_group: "Grounds for exclusion",
    own_group: "Other requirements",
    own_origin: "own requirement",
    modified_origin: "edited locally",
    amended_origin: "amended after publication",
    details_amended: "The procurement's details",
};

pub fn of(lang: Lang) -> &'static Words {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

impl Words {
    pub fn section_title(&self, kind: SectionKind) -> &'static str {
        use SectionKind::*;
        match (kind, self.lang) {
            (Qualification, Lang::Sv) => "Uteslutning och kvalificering",
            (Qualification, Lang::En) => "Exclusion and qualification",
            (Mandatory, Lang::Sv) => "Ska-krav",
            (Mandatory, Lang::En) => "Mandatory requirements",
            (Evaluated, Lang::Sv) => "Bör-krav",
            (Evaluated, Lang::En) => "Evaluated requirements",
            (ContractTerms, Lang::Sv) => "Särskilda kontraktsvillkor",
            (ContractTerms, Lang::En) => "Special contract conditions",
        }
    }

    /// What the tenderer does with a section; the evaluated one points to the evaluation
    /// model's section.
    pub fn section_intro(&self, kind: SectionKind, evaluation: Option<&str>) -> String {
        use SectionKind::*;
        let model = evaluation.unwrap_or("");
        match (kind, self.lang) {
            (Qualification, Lang::Sv) => "Anbudsgivaren ska uppfylla samtliga krav i detta \
                avsnitt. En anbudsgivare som inte gör det kvalificerar sig inte, och anbudet \
                prövas inte vidare."
                .into(),
            (Qualification, Lang::En) => "The tenderer must meet every requirement in this \
                section. A tenderer who does not is not qualified, and the tender is not \
                examined further."
                .into(),
            (Mandatory, Lang::Sv) => "Samtliga ska-krav ska uppfyllas. Ett anbud som inte \
                uppfyller ett ska-krav förkastas."
                .into(),
            (Mandatory, Lang::En) => "Every mandatory requirement must be met. A tender that \
                does not meet one is rejected."
                .into(),
            (Evaluated, Lang::Sv) => format!(
                "Bör-kraven behöver inte uppfyllas. Ett bör-krav som uppfylls ger det värde \
                 som anges vid kravet, enligt utvärderingsmodellen i avsnitt {model}."
            ),
            (Evaluated, Lang::En) => format!(
                "The evaluated requirements need not be met. One that is met gives the value \
                 shown with it, under the evaluation model in section {model}."
            ),
            (ContractTerms, Lang::Sv) => "Villkoren gäller under hela avtalstiden och följs \
                upp. Anbudsgivaren bekräftar i anbudet att villkoren accepteras."
                .into(),
            (ContractTerms, Lang::En) => "The conditions apply for the whole term of the \
                contract and are followed up. The tenderer confirms in the tender that they \
                are accepted."
                .into(),
        }
    }

    /// A weight in words: "10 poäng", "50 000 kr".
    pub fn weight(&self, value: u32, scoring: Scoring) -> String {
        match (scoring, self.lang) {
            (Scoring::Points, Lang::Sv) => format!("{value} poäng"),
            (Scoring::Points, Lang::En) => format!("{value} points"),
            (Scoring::MeritSek, Lang::Sv) => format!("{} kr", thousands(value, '\u{a0}')),
            (Scoring::MeritSek, Lang::En) => format!("SEK {}", thousands(value, ',')),
        }
    }

    /// How the evaluated requirements are scored, with the highest possible sum.
    pub fn evaluation(&self, scoring: Scoring, total: u32) -> String {
        let sum = self.weight(total, scoring);
        match (scoring, self.lang) {
            (Scoring::Points, Lang::Sv) => format!(
                "Varje bör-krav som uppfylls ger de poäng som anges vid kravet. Anbudets \
                 poäng är summan av dessa, högst {sum}."
            ),
            (Scoring::Points, Lang::En) => format!(
                "Each evaluated requirement that is met gives the points shown with it. A \
                 tender's score is their sum, at most {sum}."
            ),
            (Scoring::MeritSek, Lang::Sv) => format!(
                "Varje bör-krav som uppfylls ger det mervärde i kronor som anges vid kravet. \
                 Mervärdet dras av från anbudspriset: jämförelsepris = anbudspris − summan av \
                 mervärdena. Det högsta möjliga avdraget är {sum}."
            ),
            (Scoring::MeritSek, Lang::En) => format!(
                "Each evaluated requirement that is met gives the merit value in kronor shown \
                 with it. The merit value is deducted from the tendered price: comparison \
                 price = tendered price − the sum of the merit values. The largest possible \
                 deduction is {sum}."
            ),
        }
    }
}

fn thousands(value: u32, sep: char) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merit_values_are_grouped_by_thousands() {
        assert_eq!(
            of(Lang::Sv).weight(50_000, Scoring::MeritSek),
            "50\u{a0}000 kr"
        );
        assert_eq!(
            of(Lang::En).weight(1_250_000, Scoring::MeritSek),
            "SEK 1,250,000"
        );
        assert_eq!(of(Lang::En).weight(999, Scoring::MeritSek), "SEK 999");
        assert_eq!(of(Lang::Sv).weight(10, Scoring::Points), "10 poäng");
    }
}
