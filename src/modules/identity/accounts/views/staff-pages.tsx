// Staff administration pages: the list with a form to add an officer, and one officer's roles and status.
import { ROLES, type RoleGrant } from '../../../../platform/actor.ts';
import type { MessageKey, Translator } from '../../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import type { StaffRow } from '../repo.ts';

export interface Option {
  readonly value: string;
  readonly label: string;
}

export interface ScopeOptions {
  readonly departments: readonly Option[];
  readonly districts: readonly Option[];
}

const roleLabel = (t: Translator, role: string) => t.t(`role.${role}` as MessageKey);

export function grantLabel(t: Translator, grant: RoleGrant, scope: ScopeOptions): string {
  const department =
    scope.departments.find((d) => d.value === grant.departmentCode)?.label ?? t.t('staff.allDepartments');
  const district =
    scope.districts.find((d) => d.value === grant.districtCode)?.label ?? t.t('staff.allDistricts');
  return `${roleLabel(t, grant.role)}: ${department}, ${district}`;
}

function Select({
  id,
  label,
  options,
  value,
  includeAll,
}: {
  id: string;
  label: string;
  options: readonly Option[];
  value?: string;
  includeAll?: string;
}) {
  return (
    <div class="field">
      <label class="label" for={id}>
        {label}
      </label>
      <select class="select" id={id} name={id}>
        {includeAll !== undefined && <option value="">{includeAll}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function GrantFields({
  t,
  scope,
  values = {},
}: {
  t: Translator;
  scope: ScopeOptions;
  values?: Record<string, string>;
}) {
  return (
    <>
      <Select
        id="role"
        label={t.t('staff.role')}
        value={values['role']}
        options={ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))}
      />
      <Select
        id="department"
        label={t.t('staff.department')}
        value={values['department']}
        options={scope.departments}
        includeAll={t.t('staff.allDepartments')}
      />
      <Select
        id="district"
        label={t.t('staff.district')}
        value={values['district']}
        options={scope.districts}
        includeAll={t.t('staff.allDistricts')}
      />
    </>
  );
}

export interface StaffListPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly staff: readonly StaffRow[];
  readonly scope: ScopeOptions;
  readonly errors?: readonly FormError[];
  readonly values?: Record<string, string>;
  readonly created?: { email: string; password: string };
}

export function StaffListPage({
  t,
  currentPath,
  csrfToken,
  staff,
  scope,
  errors = [],
  values = {},
  created,
}: StaffListPageProps) {
  return (
    <Layout t={t} title={t.t('staff.title')} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('staff.title')}</h1>
        {created !== undefined && (
          <div class="notice">
            <p>{t.t('staff.created', { email: created.email })}</p>
            <p>
              {t.t('staff.initialPassword')} <code dir="ltr">{created.password}</code>
            </p>
          </div>
        )}
        <div class="table-container">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.t('staff.name')}</th>
                <th scope="col">{t.t('staff.roles')}</th>
                <th scope="col">{t.t('staff.status')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((member) => (
                <tr key={member.id}>
                  <td>
                    <a href={`/admin/staff/${member.id}`}>{member.fullName}</a>
                    <br />
                    <Bdi>{member.email ?? ''}</Bdi>
                  </td>
                  <td>
                    <ul class="list">
                      {member.grants.map((grant) => (
                        <li key={`${grant.role}-${grant.departmentCode ?? ''}-${grant.districtCode ?? ''}`}>
                          {grantLabel(t, grant, scope)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <strong class={member.status === 'active' ? 'tag tag--green' : 'tag tag--red'}>
                      {t.t(member.status === 'active' ? 'staff.active' : 'staff.disabled')}
                    </strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section aria-labelledby="add-heading" class="stack">
          <h2 id="add-heading">{t.t('staff.add')}</h2>
          <p>{t.t('staff.addIntro')}</p>
          <form method="post" action="/admin/staff" novalidate class="stack">
            <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
            <TextField
              t={t}
              id="fullName"
              label={t.t('staff.name')}
              value={values['fullName'] ?? ''}
              error={errors.find((e) => e.field === 'fullName')?.message}
            />
            <TextField
              t={t}
              id="email"
              type="email"
              label={t.t('staff.email')}
              value={values['email'] ?? ''}
              error={errors.find((e) => e.field === 'email')?.message}
              dir="ltr"
              spellcheck={false}
            />
            <GrantFields t={t} scope={scope} values={values} />
            <div class="button-group">
              <button type="submit" class="button">
                {t.t('staff.addButton')}
              </button>
            </div>
          </form>
        </section>
      </div>
    </Layout>
  );
}

export interface StaffMemberPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly member: StaffRow & { manageable: boolean };
  readonly scope: ScopeOptions;
}

export function StaffMemberPage({ t, currentPath, csrfToken, member, scope }: StaffMemberPageProps) {
  const hidden = <input type="hidden" name={CSRF_FIELD} value={csrfToken} />;
  return (
    <Layout t={t} title={member.fullName} currentPath={currentPath}>
      <div class="stack">
        <p>
          <a href="/admin/staff">{t.t('staff.title')}</a>
        </p>
        <h1>{member.fullName}</h1>
        <dl class="summary-list">
          <dt>{t.t('staff.email')}</dt>
          <dd>
            <Bdi>{member.email ?? ''}</Bdi>
          </dd>
          <dt>{t.t('staff.status')}</dt>
          <dd>{t.t(member.status === 'active' ? 'staff.active' : 'staff.disabled')}</dd>
          <dt>{t.t('staff.mfa')}</dt>
          <dd>{t.t(member.mfaEnrolled ? 'staff.mfaEnrolled' : 'staff.mfaPending')}</dd>
        </dl>
        <h2>{t.t('staff.roles')}</h2>
        <ul class="list">
          {member.grants.map((grant) => (
            <li key={`${grant.role}-${grant.departmentCode ?? ''}-${grant.districtCode ?? ''}`}>
              {grantLabel(t, grant, scope)}
              {member.manageable && (
                <form method="post" action={`/admin/staff/${member.id}/roles/revoke`}>
                  {hidden}
                  <input type="hidden" name="role" value={grant.role} />
                  <input type="hidden" name="department" value={grant.departmentCode ?? ''} />
                  <input type="hidden" name="district" value={grant.districtCode ?? ''} />
                  <button type="submit" class="button button--secondary">
                    {t.t('staff.revoke')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {member.manageable && (
          <>
            <form method="post" action={`/admin/staff/${member.id}/roles/grant`} class="stack">
              {hidden}
              <h2>{t.t('staff.grant')}</h2>
              <GrantFields t={t} scope={scope} />
              <div class="button-group">
                <button type="submit" class="button">
                  {t.t('staff.grantButton')}
                </button>
              </div>
            </form>
            <form method="post" action={`/admin/staff/${member.id}/status`}>
              {hidden}
              <input type="hidden" name="status" value={member.status === 'active' ? 'disabled' : 'active'} />
              <button type="submit" class={member.status === 'active' ? 'button button--warning' : 'button'}>
                {t.t(member.status === 'active' ? 'staff.disable' : 'staff.enable')}
              </button>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}
