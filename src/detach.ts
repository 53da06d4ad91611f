// V8 keeps a substring (of 13+ characters) as a view into its parent string. Cells
// are cut from the large chunks a file is read in, so one retained cell would pin its whole
// chunk in memory; anything kept past the row (findings, issues, the leavers
// index) goes through detach() to get its own copy.
export function detach(text: string): string {
  // JSON round trip: a fresh flat string without the Buffer (external memory) churn.
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
