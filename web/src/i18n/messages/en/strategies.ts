// Strategies, objectives, actions (issue 13).
export const strategies = {
};
