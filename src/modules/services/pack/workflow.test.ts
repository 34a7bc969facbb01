import { describe, it } from 'node:test';
import { ROLES } from '../../../platform/actor.ts';
import { assertProblems, shippedPack } from './test-packs.ts';

describe('a pack with a broken workflow', () => {
  it('names an action leading to a state that does not exist, and what it cuts off', () => {
    const pack = shippedPack('domicile-certificate');
    pack.workflow.states.scrutiny!.actions![0]!.to = 'dcApprovl';
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '/workflow/states/scrutiny/actions/0/to', message: 'no state "dcApprovl" in the workflow' },
      { path: '/workflow/states/dcApproval', message: 'unreachable from the initial state "payment"' },
      { path: '/workflow/states/approved', message: 'unreachable from the initial state "payment"' },
      { path: '/workflow/states/rejected', message: 'unreachable from the initial state "payment"' },
    ]);
  });

  it('names an initial state that does not exist', () => {
    const pack = shippedPack('domicile-certificate');
    pack.workflow.initial = 'start';
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '/workflow/initial', message: 'no state "start" in the workflow' },
    ]);
  });

  it('names a state no action leads to', () => {
    const pack = shippedPack('domicile-certificate');
    pack.workflow.states.archived = {
      label: { en: 'Archived', ur: 'محفوظ شدہ' },
      terminal: true,
      outcome: 'rejected',
    };
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '/workflow/states/archived', message: 'unreachable from the initial state "payment"' },
    ]);
  });

  it('names a loop that can never end', () => {
    const pack = shippedPack('domicile-certificate');
    const clerk = { role: 'clerk' as const, office: { en: 'Record room', ur: 'ریکارڈ روم' } };
    const label = { en: 'Keep', ur: 'رکھیں' };
    pack.workflow.states.limbo = {
      label: { en: 'In the record room', ur: 'ریکارڈ روم میں' },
      holder: clerk,
      actions: [{ id: 'keep', label, roles: ['clerk'], to: 'limbo' }],
    };
    pack.workflow.states.scrutiny!.actions!.push({ id: 'file', label, roles: ['clerk'], to: 'limbo' });
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '/workflow/states/limbo', message: 'no terminal state can be reached from here' },
    ]);
  });

  it('names a state without actions and everything only it led to', () => {
    const pack = shippedPack('domicile-certificate');
    pack.workflow.states.scrutiny!.actions = [];
    const unreachable = (id: string) => ({
      path: `/workflow/states/${id}`,
      message: 'unreachable from the initial state "payment"',
    });
    assertProblems(pack, 'domicile-certificate.json', [
      {
        path: '/workflow/states/scrutiny',
        message: 'a state that is not terminal needs at least one action',
      },
      unreachable('dcApproval'),
      unreachable('returned'),
      unreachable('approved'),
      unreachable('rejected'),
    ]);
  });

  it('refuses actions on a terminal state and a workflow that can never approve', () => {
    const pack = shippedPack('domicile-certificate');
    const approved = pack.workflow.states.approved!;
    approved.outcome = 'rejected';
    approved.actions = [
      { id: 'reopen', label: { en: 'Reopen', ur: 'دوبارہ کھولیں' }, roles: ['approver'], to: 'scrutiny' },
    ];
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '/workflow/states/approved/actions', message: 'a terminal state has no actions' },
      { path: '/workflow/states', message: 'no terminal state with outcome "approved"' },
      {
        path: '/workflow/states/dcApproval/actions/0/remarks',
        message: 'must be "required": the citizen is told why an application is refused',
      },
    ]);
  });

  it('requires remarks when an application is returned for correction', () => {
    const pack = shippedPack('domicile-certificate');
    pack.workflow.states.scrutiny!.actions![1]!.remarks = 'optional';
    assertProblems(pack, 'domicile-certificate.json', [
      {
        path: '/workflow/states/scrutiny/actions/1/remarks',
        message: 'must be "required": the citizen is told why an application is returned',
      },
    ]);
  });

  it('names an unknown role', () => {
    const pack = shippedPack('domicile-certificate');
    pack.workflow.states.dcApproval!.actions![0]!.roles = ['deputy_commissioner' as 'approver'];
    pack.workflow.states.dcApproval!.escalate!.toRole = 'commissioner' as 'approver';
    assertProblems(pack, 'domicile-certificate.json', [
      {
        path: '/workflow/states/dcApproval/actions/0/roles/0',
        message: `must be one of: citizen, ${ROLES.join(', ')}`,
      },
      { path: '/workflow/states/dcApproval/escalate/toRole', message: `must be one of: ${ROLES.join(', ')}` },
    ]);
  });

  it('lets a citizen act only in a citizen state or to withdraw', () => {
    const pack = shippedPack('domicile-certificate');
    pack.workflow.states.scrutiny!.actions![0]!.roles = ['citizen'];
    pack.workflow.states.returned!.actions![0]!.roles = ['clerk'];
    assertProblems(pack, 'domicile-certificate.json', [
      {
        path: '/workflow/states/scrutiny/actions/0/roles',
        message: 'a citizen acts only in a state with a citizenAction, or to withdraw',
      },
      {
        path: '/workflow/states/returned/actions',
        message: 'citizenAction "correct" needs an action with role "citizen" that moves the application on',
      },
    ]);
  });

  it('checks escalation against the deadline and the holder', () => {
    const pack = shippedPack('domicile-certificate');
    pack.workflow.states.scrutiny!.escalate = { afterHours: 8, toRole: 'clerk' };
    assertProblems(pack, 'domicile-certificate.json', [
      {
        path: '/workflow/states/scrutiny/escalate/toRole',
        message: 'escalates to the role that already holds it',
      },
      {
        path: '/workflow/states/scrutiny/escalate/afterHours',
        message: 'escalates after 8 hours, before the deadline of 16',
      },
    ]);
  });

  it('needs a payment state exactly when there is a fee', () => {
    const tenant = shippedPack('tenant-registration');
    tenant.fee = { kind: 'fixed', amount: 100 };
    assertProblems(tenant, 'tenant-registration.json', [
      { path: '/workflow/states', message: 'the service has a fee: add a state with citizenAction "pay"' },
    ]);
    const domicile = shippedPack('domicile-certificate');
    domicile.fee = { kind: 'none' };
    assertProblems(domicile, 'domicile-certificate.json', [
      { path: '/workflow/states/payment/citizenAction', message: 'the service has no fee to pay' },
    ]);
  });
});
