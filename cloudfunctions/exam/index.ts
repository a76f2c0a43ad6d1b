import { defineFunction } from '../common/define';
import { answer, attempt, daily, expire, history, home, start, submit } from './attempts';
import { bank, exportBank, importBank, importTemplate, question, removeQuestion, saveQuestion } from './bank';
import { cancelPaper, paper, papers, savePaper } from './papers';
import { exportResults, remind, results } from './results';
import { practiceWrong, wrongBook } from './wrong';

export const exam = defineFunction('exam', {
  actions: {
    home,
    daily,
    start,
    attempt,
    answer,
    submit,
    history,
    wrongBook,
    practiceWrong,
    bank,
    question,
    saveQuestion,
    removeQuestion,
    importTemplate,
    import: importBank,
    exportBank,
    savePaper,
    papers,
    paper,
    cancelPaper,
    results,
    remind,
    exportResults,
  },
  timers: { expire },
});
export const main = exam.main;
