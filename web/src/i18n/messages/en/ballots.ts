// Priority ballots (issue 13).
export const ballots = {
};
