export const IS_PUBLIC = 'platform:isPublic';
export const REQUIRED_ROLES = 'platform:requiredRoles';
