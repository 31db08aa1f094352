export const Primary = { args: { label: 'Buy now' } };
