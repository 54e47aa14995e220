/** What an importer proposes: components, content files, and what could not be carried over exactly. */
export interface PlannedComponent {
  id: string;
  name: string;
  description?: string;
  group?: string;
  since?: string;
}

export interface PlannedFile {
  folder: 'incidents' | 'maintenance' | 'postmortems';
  id: string;
  text: string;
  /** The source record, for the report ("incident 8l4ygp009s5s"). */
  source: string;
}

export interface ImportPlan {
  components: PlannedComponent[];
  files: PlannedFile[];
  /** Each thing not carried over exactly, and what was done instead. */
  notes: string[];
  counts: {
    components: number;
    incidents: number;
    updates: number;
    maintenance: number;
    postmortems: number;
  };
}
