import type { Feature, GeometryObject as GeoGeometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlasUrl from 'world-atlas/countries-50m.json?url';

export type CountryShape = Readonly<{
  code: string;
  name: string;
  path: string;
  centre: readonly [number, number];
}>;

export const mapSize = { width: 960, height: 500 } as const;

type Atlas = Topology<{ countries: GeometryCollection<{ name: string }> }>;

function isAtlas(value: unknown): value is Atlas {
  if (typeof value !== 'object' || value === null) return false;
  const objects: unknown = Reflect.get(value, 'objects');
  const countries: unknown =
    typeof objects === 'object' && objects !== null ? Reflect.get(objects, 'countries') : null;
  return (
    Reflect.get(value, 'type') === 'Topology' &&
    typeof countries === 'object' &&
    countries !== null &&
    Reflect.get(countries, 'type') === 'GeometryCollection'
  );
}

/**
 * Natural Earth's countries at 1:50m (world-atlas), shipped with the app and fetched from this origin only
 * when a map is shown, projected once. Shapes are keyed by ISO 3166-1 alpha-2, the jurisdiction codes.
 */
export async function loadCountryShapes(): Promise<CountryShape[]> {
  const [response, { feature }, { geoEqualEarth, geoPath }, countries] = await Promise.all([
    fetch(atlasUrl),
    import('topojson-client'),
    import('d3-geo'),
    import('i18n-iso-countries'),
  ]);
  const atlas: unknown = await response.json();
  if (!isAtlas(atlas)) throw new Error('the bundled world atlas is not a TopoJSON topology');
  const collection = feature(atlas, atlas.objects.countries);
  const projection = geoEqualEarth().fitSize([mapSize.width, mapSize.height], collection);
  const path = geoPath(projection);
  return collection.features.flatMap((f: Feature<GeoGeometry, { name: string }>): CountryShape[] => {
    const code = f.id === undefined ? undefined : countries.numericToAlpha2(String(f.id));
    const d = path(f);
    const [x, y] = path.centroid(f);
    return code === undefined || d === null || Number.isNaN(x)
      ? []
      : [{ code, name: f.properties.name, path: d, centre: [x, y] }];
  });
}
