//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `wrong`, phrased as a hint, when one is close enough to be a
/// likely typo: within a third of the length in edits, or sharing a long common start.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wrong, candidates).map(|best| format!("did you mean `{best}`?"))
}

/// The candidate closest to `wrong`, if any is close enough.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    let limit = (wrong.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = strsim::levenshtein(&wrong_lower, &candidate.to_lowercase());
            let similar = strsim::jaro_winkler(&wrong_lower, &candidate.to_lowercase());
            (distance <= limit || similar >= 0.9).then_some((distance, candidate))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_name_and_nothing_for_a_distant_one() {
        let roles = ["telemarketer", "head-of-sales", "sales-manager"];
        assert_eq!(closest("telemarketr", roles), Some("telemarketer"));
        assert_eq!(closest("Head-of-Sales", roles), Some("head-of-sales"));
        assert_eq!(closest("accountant", roles), None);
        assert_eq!(
            closest("телемаркетолг", ["телемаркетолог"]),
            Some("телемаркетолог")
        );
    }
}
