import { defineFunction } from '../common/define';
import { communities, register, registrations, stats, unregister } from './community';
import { cancelProject, list, project, projectDraft, projects, saveProject } from './projects';
import { cancelSignup, certificate, checkin, code, confirmHours, mine, revealContact, roster, signUp } from './signups';
import { tick } from './tick';
import {
  claimWish,
  confirmWish,
  fulfilWish,
  myWishes,
  postWish,
  releaseWish,
  reviewWish,
  wish,
  wishes,
  wishInbox,
  withdrawWish,
} from './wishes';

export const service = defineFunction('service', {
  actions: {
    list,
    project,
    signUp,
    cancelSignup,
    checkin,
    mine,
    certificate,
    projects,
    saveProject,
    projectDraft,
    cancelProject,
    code,
    roster,
    confirmHours,
    revealContact,
    communities,
    register,
    unregister,
    registrations,
    stats,
    postWish,
    wishes,
    myWishes,
    wish,
    claimWish,
    releaseWish,
    fulfilWish,
    confirmWish,
    withdrawWish,
    wishInbox,
    reviewWish,
  },
  timers: { tick },
});
export const main = service.main;
