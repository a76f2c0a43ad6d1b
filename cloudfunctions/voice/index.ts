import { defineFunction } from '../common/define';
import { home } from './home';
import { addHonour, removeHonour, showcase } from './honours';
import { inbox, letter, myLetter, myLetters, reply, sendLetter, setLetterState } from './letters';
import {
  answerSurvey,
  closeSurvey,
  exportSurvey,
  remindSurvey,
  saveSurvey,
  survey,
  surveyDraft,
  surveyPending,
  surveyResults,
  surveys,
} from './surveys';
import { cancelVote, cast, finalizeVote, nominate, nominees, propose, reviewCandidate, saveVote, vote, voteDraft, votes } from './votes';

export const voice = defineFunction('voice', {
  actions: {
    home,
    sendLetter,
    myLetters,
    myLetter,
    inbox,
    letter,
    reply,
    setLetterState,
    surveys,
    saveSurvey,
    surveyDraft,
    closeSurvey,
    survey,
    answerSurvey,
    surveyResults,
    surveyPending,
    exportSurvey,
    remindSurvey,
    votes,
    saveVote,
    voteDraft,
    cancelVote,
    nominate,
    reviewCandidate,
    vote,
    propose,
    nominees,
    cast,
    finalizeVote,
    showcase,
    addHonour,
    removeHonour,
  },
});
export const main = voice.main;
