//! The things store errors are about, in Swedish: each name in its definite form with the
//! pronoun that refers back to it ("kravraden … sedan du öppnade den", "kravpaketet … det"),
//! and the two messages built from them. English is the store error's own `Display`.

use crate::store::Entity;

/// The definite form of the entity's Swedish name, and `den` or `det` to refer back to it.
fn swedish(e: Entity) -> (&'static str, &'static str) {
    match e {
        Entity::Procurement => ("upphandlingen", "den"),
        Entity::RequirementLine => ("kravraden", "den"),
        Entity::RequirementSet => ("kravpaketet", "det"),
        Entity::SetVersion => ("versionen", "den"),
        Entity::Requirement => ("kravet", "det"),
        Entity::Supplier => ("leverantören", "den"),
        Entity::SubSupplier => ("underleverantören", "den"),
        Entity::SubSupplierChange => ("underleverantörsändringen", "den"),
        Entity::Contract => ("avtalet", "det"),
        Entity::ContractLine => ("avtalsraden", "den"),
        Entity::Evidence => ("verifikatet", "det"),
        Entity::Review => ("uppföljningen", "den"),
        Entity::ChecklistItem => ("kontrollpunkten", "den"),
        Entity::Finding => ("avvikelsen", "den"),
        Entity::CorrectiveAction => ("åtgärden", "den"),
    }
}

pub(super) fn stale_sv(e: Entity, id: &str) -> String {
    let (name, pronoun) = swedish(e);
    format!(
        "{name} {id} har ändrats av någon annan sedan du öppnade {pronoun}; inget sparades, ladda om och försök igen"
    )
}

pub(super) fn not_found_sv(e: Entity, id: &str) -> String {
    let (name, _) = swedish(e);
    format!("{name} {id} finns inte")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::i18n::store_error;
    use crate::store::StoreError;

    #[test]
    fn a_stale_line_is_named_by_its_requirement_id_in_both_languages() {
        let e = StoreError::Stale {
            entity: Entity::RequirementLine,
            id: "HOST-03".into(),
        };
        assert_eq!(
            store_error(&e, Lang::Sv),
            "kravraden HOST-03 har ändrats av någon annan sedan du öppnade den; inget sparades, ladda om och försök igen"
        );
        assert_eq!(
            store_error(&e, Lang::En),
            "the requirement line HOST-03 was changed by someone else since you opened it; nothing was saved, reload and try again"
        );
        let gone = StoreError::NotFound {
            entity: Entity::RequirementSet,
            id: "egen".into(),
        };
        assert_eq!(store_error(&gone, Lang::Sv), "kravpaketet egen finns inte");
        assert_eq!(
            store_error(&gone, Lang::En),
            "the requirement set egen does not exist"
        );
    }

    #[test]
    fn every_entity_has_a_name_in_each_language_and_no_table_names_show() {
        for e in Entity::ALL {
            for err in [
                StoreError::Stale {
                    entity: *e,
                    id: "X-1".into(),
                },
                StoreError::NotFound {
                    entity: *e,
                    id: "X-1".into(),
                },
            ] {
                for lang in Lang::ALL {
                    let text = store_error(&err, lang);
                    assert!(text.contains("X-1"), "{e:?} {lang:?}: {text}");
                    assert!(!text.contains('_'), "{e:?} {lang:?}: {text}");
                }
            }
        }
        let (sv, en) = (Entity::ALL.len(), Entity::ALL.len());
        let names: std::collections::HashSet<_> =
            Entity::ALL.iter().map(|e| swedish(*e).0).collect();
        assert_eq!(names.len(), sv, "Swedish names are distinct");
        let names: std::collections::HashSet<_> = Entity::ALL.iter().map(|e| e.name_en()).collect();
        assert_eq!(names.len(), en, "English names are distinct");
    }
}
