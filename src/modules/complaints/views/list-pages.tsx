// A complainant's complaints, and the officers' inbox with deadline status and escalation level.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { type CategoryTree, inLanguage } from '../categories.ts';
import type { ComplaintRow } from '../repo.ts';
import { DeadlineTag, StateTag, deadlineStatus } from './tags.tsx';

export interface ListPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly tree: CategoryTree;
  readonly rows: readonly ComplaintRow[];
  readonly districtName: (code: string) => string;
  readonly now: Date;
  /** The inbox: its search form and the escalation column. */
  readonly inbox?: { readonly number: string; readonly overdueOnly: boolean };
}

function Table({ t, tree, rows, districtName, now, inbox }: ListPageProps) {
  const locale = t.locale.code;
  return (
    <div class="table-container">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.t('complaints.list.number')}</th>
            <th scope="col">{t.t('complaints.file.subType')}</th>
            <th scope="col">{t.t('complaints.file.district')}</th>
            <th scope="col">{t.t('complaints.list.status')}</th>
            <th scope="col">{t.t('complaints.track.due')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((complaint) => {
            const subType = tree.subTypes.get(complaint.sub_type_code)?.subType;
            const deadline = deadlineStatus(complaint, now);
            return (
              <tr key={complaint.id}>
                <td>
                  <a href={`/complaints/${complaint.number ?? ''}`}>
                    <Bdi>{complaint.number}</Bdi>
                  </a>
                </td>
                <td>{subType === undefined ? complaint.sub_type_code : inLanguage(subType.name, locale)}</td>
                <td>{districtName(complaint.district_code)}</td>
                <td>
                  <StateTag t={t} state={complaint.state} />
                  {inbox !== undefined && complaint.escalation_level > 1 && (
                    <>
                      {' '}
                      <strong class="tag tag--yellow">
                        {t.t(
                          complaint.escalation_level === 2
                            ? 'complaints.level.division'
                            : 'complaints.level.province',
                        )}
                      </strong>
                    </>
                  )}
                </td>
                <td>
                  {complaint.due_at !== null && deadline !== undefined && (
                    <>
                      <Bdi dir="auto">{t.formatDateTime(complaint.due_at)}</Bdi>{' '}
                      <DeadlineTag t={t} status={deadline} />
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function MyComplaintsPage(props: ListPageProps) {
  const { t } = props;
  const title = t.t('complaints.mine.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p>
          <a class="button" href="/complaints/new">
            {t.t('complaints.mine.new')}
          </a>
        </p>
        {props.rows.length === 0 ? <p>{t.t('complaints.mine.empty')}</p> : <Table {...props} />}
      </div>
    </Layout>
  );
}

export function InboxPage(props: ListPageProps) {
  const { t, inbox } = props;
  const title = t.t('complaints.inbox.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <form method="get" action="/complaints/inbox" role="search" class="stack">
          <div class="field">
            <label class="label" for="q">
              {t.t('complaints.inbox.search')}
            </label>
            <input
              class="input input--narrow"
              id="q"
              name="q"
              type="search"
              value={inbox?.number ?? ''}
              dir="ltr"
            />
          </div>
          <div class="checkbox">
            <input
              type="checkbox"
              id="overdue"
              name="overdue"
              value="1"
              checked={inbox?.overdueOnly === true}
            />{' '}
            <label for="overdue">{t.t('complaints.inbox.overdueOnly')}</label>
          </div>
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('services.searchButton')}
            </button>
          </div>
        </form>
        {props.rows.length === 0 ? <p>{t.t('complaints.inbox.empty')}</p> : <Table {...props} />}
      </div>
    </Layout>
  );
}
