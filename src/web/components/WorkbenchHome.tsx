import type { ReactNode } from 'react';
import { Alert, Card, Descriptions, Flex, Tag } from 'antd';
import { orgKindLabels, roleLabels, type OrgKind, type Role } from '../../domain/roles.js';
import { useCurrentUser } from '../auth/useSession';
import { m } from '../i18n';
import { PageHeader } from './PageHeader';
import { StepList } from './StepList';

export type WorkflowRoleKey = keyof typeof m.roles;

/**
 * The landing page of a workflow role: who the user is, what the role does and the steps of the
 * process it takes part in. Queues and counts go into `children`, above the steps.
 */
export function WorkbenchHome({ role, children }: { role: WorkflowRoleKey; children?: ReactNode }) {
  const user = useCurrentUser();
  const text = m.roles[role];
  const orgKind = orgKindLabels[user.orgKind as OrgKind] as string | undefined;
  return (
    <>
      <PageHeader title={text.title} subtitle={text.description} />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
            items={[
              { key: 'user', label: m.workbench.user, children: `${user.displayName}（${user.username}）` },
              {
                key: 'org',
                label: m.workbench.org,
                children: orgKind ? `${user.orgName}（${orgKind}）` : user.orgName,
              },
              {
                key: 'role',
                label: m.workbench.role,
                children: (
                  <Flex gap={4} wrap>
                    {user.roles.map((r: Role) => (
                      <Tag key={r} color={r === role ? 'blue' : undefined}>
                        {roleLabels[r]}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        </Card>
        {children}
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{m.workbench.steps}</h2>}>
          <StepList steps={text.steps} />
        </Card>
        <Alert type="info" showIcon title={m.workbench.integrity} />
      </Flex>
    </>
  );
}
