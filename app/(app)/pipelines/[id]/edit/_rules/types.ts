/** The company's people and teams, as `editor.directory` returns them: user pickers read it. */
export type Directory = {
  users: { id: string; name: string; email: string; role: string }[];
  teams: { id: string; key: string | null; name: string; nameEn: string | null }[];
};
