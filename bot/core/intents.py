"""The kinds of question the bot understands, each with the ways fans ask it.

Placeholders stand for what the question mentions: {episode}, {character}, {person}, {track},
{outlet}. An intent whose asks use a placeholder applies only when the question mentions such a
thing. These are generic TV-season phrasings; facts peculiar to one season carry their own `asks`
in the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DECLINE_INTENTS", "INTENTS", "IntentSpec"]


@dataclass(frozen=True, slots=True)
class IntentSpec:
    name: str
    asks: tuple[str, ...]
    answerable: bool = True  # False: the sources never say; the reply declines honestly


def _spec(name: str, *asks: str, answerable: bool = True) -> IntentSpec:
    return IntentSpec(name, asks, answerable)


INTENTS: tuple[IntentSpec, ...] = (
    # -- the season ----------------------------------------------------------------------------
    _spec("season.overview", "tell me about the season", "what is the season about",
          "give me an overview of the season", "season summary", "what is the show about",
          "what is the premise", "what is the story of the season", "season info"),
    _spec("season.release", "when did the season come out", "release date",
          "when was it released", "when did it premiere", "when did season 2 drop",
          "what year did it come out", "when did it air", "when did it start streaming"),
    _spec("season.network", "what network is it on", "where can i watch it",
          "which streaming service", "what channel aired it", "is it on netflix",
          "what platform released it", "where did it stream"),
    _spec("season.episode_count", "how many episodes", "how many episodes are there",
          "number of episodes", "episode count", "how many eps in the season"),
    _spec("season.showrunner", "who is the showrunner", "who runs the show",
          "who was in charge of the season", "who created the show", "head writer"),
    _spec("season.companies", "what companies produced it", "which studio made it",
          "production companies", "who produced the season", "what studios were involved"),
    _spec("season.renewal", "was it renewed", "was there another season",
          "did it get renewed", "was the show cancelled", "did netflix renew the show",
          "was it renewed after this season"),
    # -- episodes --------------------------------------------------------------------------------
    _spec("episode.info", "tell me about {episode}", "{episode}", "info on {episode}",
          "details for {episode}", "what is {episode}"),
    _spec("episode.plot", "what happens in {episode}", "plot of {episode}",
          "summary of {episode}", "what is {episode} about", "recap {episode}",
          "synopsis of {episode}", "story of {episode}", "what goes down in {episode}"),
    _spec("episode.director", "who directed {episode}", "director of {episode}",
          "who was the director of {episode}", "{episode} director", "who helmed {episode}"),
    _spec("episode.writer", "who wrote {episode}", "writer of {episode}",
          "who wrote the script for {episode}", "{episode} writers", "who is credited with writing {episode}",
          "who wrote the teleplay of {episode}", "who got story credit on {episode}"),
    _spec("episode.credits", "who wrote and directed {episode}", "credits for {episode}",
          "who made {episode}"),
    _spec("episode.title", "what is the title of {episode}", "what is {episode} called",
          "name of {episode}", "{episode} title", "what number episode is {episode}",
          "which episode is {episode}"),
    _spec("episode.release", "when did {episode} come out", "when did {episode} air",
          "release date of {episode}", "when was {episode} released"),
    _spec("episode.cover", "who drew the cover for {episode}", "cover art of {episode}",
          "who illustrated the poster for {episode}", "{episode} cover artist",
          "which artist made the cover of {episode}"),
    _spec("episode.list", "list all the episodes", "episode list", "what are the episode titles",
          "all episode names", "list of episodes", "show me every episode", "episode guide",
          "what are the episodes called", "titles of the episodes"),
    _spec("episode.runtime", "how long is {episode}", "runtime of {episode}",
          "how many minutes is {episode}", "length of {episode}", answerable=False),
    _spec("episode.unsourced", "what song plays in {episode}", "music in {episode}",
          "who edited {episode}", "where was {episode} filmed", "ratings of {episode}",
          "how many people watched {episode}", "imdb score of {episode}", answerable=False),
    # -- cast and people ------------------------------------------------------------------------
    _spec("cast.list", "who is in the cast", "cast list", "who stars in it", "main cast",
          "who are the actors", "list the cast", "who is in the season", "who acts in it",
          "full cast"),
    _spec("character.actor", "who plays {character}", "who played {character}",
          "who is the actor for {character}", "{character} actor", "{character} actress",
          "who portrays {character}", "who is {character} played by", "who was cast as {character}",
          "actor who plays {character}"),
    _spec("character.info", "who is {character}", "{character}", "tell me about {character}",
          "what happens to {character}", "what is {character} story", "info on {character}",
          "what is {character} deal", "what does {character} do in the season",
          "what are {character} powers"),
    _spec("person.role", "who does {person} play", "what role does {person} play",
          "which character does {person} play", "{person} role", "who is {person} playing",
          "what character is {person}"),
    _spec("person.info", "who is {person}", "{person}", "tell me about {person}",
          "what else has {person} been in", "what is {person} known for",
          "other roles of {person}", "what did {person} do"),
    _spec("person.credits", "what did {person} direct", "which episode did {person} direct",
          "what did {person} write", "which episodes did {person} write",
          "episodes by {person}", "what did {person} work on"),
    _spec("person.personal", "when was {person} born", "how old is {person}",
          "{person} birthday", "how tall is {person}", "is {person} married",
          "where is {person} from", "{person} age", "{person} net worth",
          "how much was {person} paid", answerable=False),
    _spec("character.unsourced", "what is {character} middle name", "how old is {character}",
          "{character} birthday", "what is {character} favourite food", "how tall is {character}",
          "what is {character} zodiac sign", "where did {character} go to school",
          answerable=False),
    # -- music -----------------------------------------------------------------------------------
    _spec("soundtrack.album", "is there a soundtrack", "soundtrack album",
          "who composed the music", "who did the score", "when did the soundtrack come out",
          "what label released the soundtrack", "list the soundtrack tracks",
          "how many tracks on the soundtrack", "how long is the soundtrack"),
    _spec("soundtrack.track", "tell me about the song {track}", "{track}", "how long is {track}",
          "what track number is {track}", "who performed {track}", "who sings {track}",
          "length of {track}", "track {track}", "how long is the song {track}",
          "who sings the song {track}", "what is track {track} on the soundtrack"),
    # -- reception and awards ------------------------------------------------------------------
    _spec("reception.scores", "what is the rotten tomatoes score", "metacritic score",
          "how was it reviewed", "what did critics think", "how was it received",
          "reviews", "critic rating", "was it well received", "is season 2 good"),
    _spec("reception.review", "what did {outlet} say", "{outlet} review", "how did {outlet} rate it",
          "what did the {outlet} critic think", "{outlet} score"),
    _spec("awards", "did it win any awards", "awards", "was it nominated for an emmy",
          "what nominations did it get", "any emmy nominations"),
    # -- what the sources never say ------------------------------------------------------------
    _spec("unknown.sources", "what was the budget", "how much did it cost to make",
          "how many people watched it", "viewership numbers", "nielsen ratings",
          "when does season 3 come out", "what happens in season 3", "season 3 plot",
          "is there a season 4", "will there be a spin off", "box office",
          "how much money did it make", "what is the age rating", "imdb rating",
          "how many views", "how many hours of viewing", "who was the casting director",
          "who edited the season", "who was the editor", "who was the cinematographer",
          "director of photography", "what camera was it shot on", "who did the costumes",
          "who did the stunts", "who did the visual effects", "what is the aspect ratio",
          "how many people worked on it", "what was the filming schedule each day",
          answerable=False),
)

DECLINE_INTENTS = frozenset(spec.name for spec in INTENTS if not spec.answerable)
