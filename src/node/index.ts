// kinetic-core/node: helpers that need Node.js (files, processes). Not for browsers.
export { fileJournal } from './file-journal.js';
export { fileSinkJournal } from './file-sink-journal.js';
