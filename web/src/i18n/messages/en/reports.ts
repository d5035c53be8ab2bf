// The district report pack (issue 13).
export const reports = {
};
