// Surveys (issue 12): the builder with its preview, the respondent's form and the enumerator's batch entry.
export const surveys = {};
