// Events (issue 13): trainings, round tables, meetings; registration, the sign-in sheet, closing.
export const events = {
};
