import { cancelRuleLabel } from '../../typings/domain';

describe('cancellation rules in the member’s words', () => {
  it('an activity with no sign-up deadline is cancellable until it starts, not "until the deadline" it does not have', () => {
    expect(cancelRuleLabel({ kind: 'deadline' }, false)).toBe('活动开始前可取消');
    expect(cancelRuleLabel({ kind: 'deadline' }, true)).toBe('报名截止前可取消');
  });

  it('names the hours of an hours-before rule and the check-in rule', () => {
    expect(cancelRuleLabel({ kind: 'hoursBefore', hours: 24 }, false)).toBe('开始前 24 小时可取消');
    expect(cancelRuleLabel({ kind: 'beforeCheckin' }, true)).toBe('签到前可取消');
  });
});
