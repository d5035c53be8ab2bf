// The legal library and legal basis of issues (issue 13).
export const legal = {
};
