// Campaigns, publications, reach (issue 13).
export const campaigns = {
};
