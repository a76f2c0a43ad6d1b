import { defineFunction } from '../common/define';
import { assign, assignments, exportProgress, progress, remind, remindDue } from './assign';
import { beat, mine, open } from './beat';
import { lesson, lessons, moveLesson, removeLesson, saveLesson } from './lessons';
import { course, home, library } from './library';
import { stats } from './stats';

export const study = defineFunction('study', {
  actions: {
    library,
    home,
    course,
    open,
    beat,
    mine,
    lessons,
    lesson,
    saveLesson,
    moveLesson,
    removeLesson,
    assign,
    assignments,
    progress,
    remind,
    export: exportProgress,
    stats,
  },
  timers: { remindDue },
});
export const main = study.main;
