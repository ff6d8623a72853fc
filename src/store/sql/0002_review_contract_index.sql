-- Reading one contract's reviews (its follow-up plan) must not scan every review: the only
-- index on review.contract_id so far is the partial one on open reviews.
CREATE INDEX review_contract ON review(contract_id, id);
