import { defineFunction } from '../common/define';
import { appraisal, appraisalBoard, appraisals, decide, openStep, rate, startAppraisal, writeSelf } from './appraisals';
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
import { closeTopic, exportTopic, likeReply, moderateReply, replyTopic, saveTopic, topic, topics } from './topics';
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
    topics,
    saveTopic,
    topic,
    replyTopic,
    likeReply,
    moderateReply,
    closeTopic,
    exportTopic,
    appraisals,
    startAppraisal,
    openStep,
    appraisal,
    writeSelf,
    rate,
    appraisalBoard,
    decide,
    showcase,
    addHonour,
    removeHonour,
  },
});
export const main = voice.main;
