import type { PermissionCheck } from '../../lib/messages/setup';

/** The security-role check: every missing permission named the way Manage's role screen names it. */
export function PermissionList({ permissions }: { permissions: PermissionCheck[] }) {
  const missing = permissions.filter((p) => p.state === 'missing');
  const unknown = permissions.filter((p) => p.state === 'unknown');
  return (
    <div class="bb-permissions">
      {missing.length === 0 ? (
        <p class="bb-success">The API member’s security role has every permission Backup Bridge needs.</p>
      ) : (
        <div class="bb-error" role="alert">
          <p>
            The API member’s security role is missing {missing.length === 1 ? 'a permission' : `${missing.length} permissions`}.
            Add {missing.length === 1 ? 'it' : 'them'} in System → Security Roles, then test again:
          </p>
          <ul>
            {missing.map((p) => (
              <li key={`${p.module}:${p.level}`} data-permission="missing">
                {p.module}: {p.level}
              </li>
            ))}
          </ul>
        </div>
      )}
      {unknown.length > 0 && (
        <p class="bb-muted">
          Could not check: {unknown.map((p) => `${p.module}: ${p.level}`).join(', ')}.
        </p>
      )}
    </div>
  );
}
