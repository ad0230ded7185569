import { annotated, entriesFor, listOf, noteValue, slot, withJson, type Extractor } from '../extraction-kit';

export const notesNextStepsExtractor: Extractor = {
  initial: () => ({ notes: [], open_questions: [], planned_actions: [] }),
  apply(candidate, message, focus) {
    const out = withJson(candidate, message);
    const actions = entriesFor(message, ['actions', 'action', 'planned actions', 'next steps', 'todo', 'to do'], focus === 'planned_actions').map((entry) => {
      const { text, notes } = annotated(entry);
      const owner = noteValue(notes, ['owner', 'who']);
      const due = noteValue(notes, ['due', 'due_date', 'by', 'when']);
      return { action: text, ...(owner ? { owner } : {}), ...(due ? { due_date: due } : {}) };
    });
    return {
      ...out,
      notes: [...listOf(out, 'notes'), ...entriesFor(message, ['notes', 'note'], focus === 'notes')],
      open_questions: [...listOf(out, 'open_questions'), ...entriesFor(message, ['questions', 'open questions', 'question'], focus === 'open_questions')],
      planned_actions: [...listOf(out, 'planned_actions'), ...actions.filter((a) => a.action)],
    };
  },
  slots: [
    slot('notes', false, 'What do you want to remember about this decision? One note per line.'),
    slot('open_questions', false, 'Which questions are still open?'),
    slot('planned_actions', false, 'What are the next steps? E.g. "- Give notice (owner: Alex, due: 2026-03-01)".'),
  ],
};
