// Needs assessment (issue 12): survey results and charts, focus groups, findings and their evidence.
export const assessment = {};
